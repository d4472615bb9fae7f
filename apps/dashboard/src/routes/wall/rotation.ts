/** The scenes a rotating wall plays: '' is the layer overview, then each team by id. */
export function scenesOf(teams: ReadonlyArray<{ id: string }>): string[] {
  return ['', ...teams.map((team) => team.id)]
}

/** The scene `step` places after (or before, with -1) `current`, wrapping around. */
export function sceneAfter(scenes: readonly string[], current: string, step = 1): string {
  const at = Math.max(0, scenes.indexOf(current))
  return scenes[(at + step + scenes.length) % scenes.length] ?? ''
}

/** The wall's query for a scene, keeping its other settings (rotation, zone). */
export function sceneQuery(url: URL, scene: string): string {
  const search = new URLSearchParams(url.search)
  if (scene) search.set('team', scene)
  else search.delete('team')
  return search.toString()
}
