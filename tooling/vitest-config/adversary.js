// The attacker of a publication, for tests: it knows every published answer and how the true values are linked,
// and asks a mixed-integer solver (HiGHS) for the smallest and largest true value each hidden cell can have. A hidden
// cell whose smallest and largest values are equal is pinned: the publication gave it away.
import loadHighs from "highs"

let solver

/** The interval a published cell puts on its true value, as an attacker who knows the rules reads it. */
export const knownInterval = (cell, rules) => {
  if (cell._tag === "Shown") {
    if (cell.value === 0) return [0, 0]
    const half = rules.roundTo / 2
    const lo = Math.ceil(cell.value - half)
    const hi = Math.ceil(cell.value + half) - 1
    // Values between 1 and the threshold are never shown, so a shown value is at least the threshold.
    return [Math.max(lo, rules.threshold), hi]
  }
  if (cell._tag === "Suppressed") {
    if (cell.reason === "small-count") return [1, Math.max(1, rules.threshold - 1)]
    // Cells hidden to protect another are never 0 (zeros are always shown) and never small (those are primary).
    if (cell.reason === "protects-another-cell") return [Math.max(1, rules.threshold), 1e7]
    // A hidden count that does not say why: never 0.
    return [1, 1e7]
  }
  return [0, 1e7]
}

const name = (i) => `x${i}`

const model = (sense, target, variables, links) => {
  const lines = [sense, ` obj: ${name(target)}`, "Subject To"]
  links.forEach((link, k) => {
    const parts = link.parts.map((p) => `+ ${name(p)}`).join(" ")
    lines.push(` c${k}: ${parts} - ${name(link.total)} = 0`)
  })
  lines.push("Bounds")
  for (const [i, [lo, hi]] of variables.entries()) lines.push(` ${lo} <= ${name(i)} <= ${hi}`)
  lines.push("Generals", ` ${variables.map((_, i) => name(i)).join(" ")}`, "End")
  return lines.join("\n")
}

/**
 * The hidden variables an attacker can pin. `variables` are the intervals known for each true value, `links` say
 * that `total` is the sum of `parts` (indices into `variables`), `hidden` which variables to attack. Returns each
 * pinned variable with its value; an infeasible system is an error (the model of the attacker is wrong).
 */
export const pinned = async (variables, links, hidden) => {
  solver ??= await loadHighs()
  const found = []
  for (const target of hidden) {
    const low = solver.solve(model("Minimize", target, variables, links), { output_flag: false })
    const high = solver.solve(model("Maximize", target, variables, links), { output_flag: false })
    if (low.Status !== "Optimal" || high.Status !== "Optimal") {
      throw new Error(`the attacker's model is ${low.Status}/${high.Status}: it does not fit the publication`)
    }
    const lo = Math.round(low.ObjectiveValue)
    const hi = Math.round(high.ObjectiveValue)
    if (lo === hi) found.push({ variable: target, value: lo })
  }
  return found
}
