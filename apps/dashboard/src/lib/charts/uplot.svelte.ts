import { untrack } from 'svelte'
import type { Attachment } from 'svelte/attachments'
import type uPlot from 'uplot'

/** uPlot's options without the size: the chart takes its element's width. */
export type ChartOptions = Omit<uPlot.Options, 'width'>

/**
 * A uPlot chart as an attachment: the library loads in the browser only, when a chart first
 * shows (the wall never pays for it). The plot is built once per `options`, later data goes
 * through `setData`, a ResizeObserver keeps it as wide as its element, and it is destroyed with
 * the element.
 */
export function uplotChart(spec: {
  /** Given the loaded library, for what needs it (`tzDate`). */
  options: (UPlot: typeof uPlot) => ChartOptions
  data: () => uPlot.AlignedData
}): Attachment<HTMLElement> {
  return (element) => {
    let UPlot = $state.raw<typeof uPlot>()
    let cancelled = false
    void import('uplot').then((module) => {
      if (!cancelled) UPlot = module.default
    })

    $effect(() => {
      if (!UPlot) return
      const options = spec.options(UPlot)
      const plot = new UPlot(
        { ...options, width: element.clientWidth },
        untrack(() => spec.data()),
        element,
      )
      $effect(() => plot.setData(spec.data()))
      const resized = new ResizeObserver(() => {
        if (element.clientWidth !== plot.width) {
          plot.setSize({ width: element.clientWidth, height: options.height })
        }
      })
      resized.observe(element)
      return () => {
        resized.disconnect()
        plot.destroy()
      }
    })

    return () => {
      cancelled = true
    }
  }
}

/** A colour of the page's palette (app.css), so what the canvas draws matches the rest. */
export function cssColour(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim()
}
