import { describe, expect, it } from 'vitest'
import { jsonArrayElements, parseElement } from './json-array-elements.js'

const texts = (body: string) => jsonArrayElements(body).map((element) => element.text)

describe('jsonArrayElements', () => {
  it('splits an array into the exact texts of its elements', () => {
    const body = '[ {"a":1,"b":[1,2,{"c":"]"}]} ,\n"x,y", 12.5e3 ,null,[],{} ]'
    expect(texts(body)).toEqual([
      '{"a":1,"b":[1,2,{"c":"]"}]}',
      '"x,y"',
      '12.5e3',
      'null',
      '[]',
      '{}',
    ])
  })

  it('reads brackets, commas and escaped quotes inside strings as text', () => {
    const element = String.raw`{"s":"a \"quoted\" [x], {y} \\","t":"\\\""}`
    expect(texts(`[${element}]`)).toEqual([element])
    expect(JSON.parse(texts(`[${element}]`)[0]!)).toEqual(JSON.parse(element))
  })

  it('keeps non-ASCII text as it came', () => {
    expect(texts('[{"summary":"Drucker im 2. Stock – kaputt ☹"}]')).toEqual([
      '{"summary":"Drucker im 2. Stock – kaputt ☹"}',
    ])
  })

  it('gives an empty list for an empty array', () => {
    expect(jsonArrayElements(' [ ] ')).toEqual([])
  })

  it.each([
    ['{"id":1}', /expected a JSON array/],
    ['[{"id":1},{"id":2', /unterminated array element/],
    ['[{"id":1,"summary":"trunc', /unterminated string/],
    ['[{"id":1} {"id":2}]', /expected , or \] at 10/],
    ['[{"id":1}] trailing', /unexpected "trailing" after the array/],
    ['[1,,2]', /expected a value at 3/],
    ['', /expected a JSON array, found the end of the text/],
  ])('refuses %j, saying where', (body, message) => {
    expect(() => jsonArrayElements(body)).toThrow(message)
  })
})

describe('parseElement', () => {
  it('parses a good element and names what is wrong with a broken one', () => {
    const [good, broken] = jsonArrayElements('[{"id":1},{"id":tru}]')
    expect(parseElement(good!)).toEqual({ ok: true, value: { id: 1 } })
    expect(parseElement(broken!)).toMatchObject({ ok: false, reason: /^not valid JSON: / })
  })
})
