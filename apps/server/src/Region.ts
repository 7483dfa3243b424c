/**
 * The region a server serves, from its definition file (`baken serve --region <file>`): read and checked before the
 * server starts, so a wrong file stops it with the file's own Dutch refusals and exit code 3; then written into the
 * store once. A plan the store does not have yet is stored with every part the definition gives (status, council
 * decisions, programmes, goals, actions, indicators, targets, budget), and so is a partner; what the store already
 * has is left as it is, so the changes a region makes through the API are never overwritten by a restart.
 */
import { readFileSync } from "node:fs"
import { PlanEntities } from "@baken/api"
import { PlanLifecycle, RegionDefinition } from "@baken/domain"
import { CouncilDecisionRepository, PlanRepository } from "@baken/store"
import { Effect, Option, Result } from "effect"
import { ConfigError } from "./ServerConfig.js"

/** Reads and checks the region definition in `file`; throws a `ConfigError` with the refusals in Dutch. */
export const read = (file: string): RegionDefinition.Definition => {
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (error) {
    throw new ConfigError(
      `--region: het bestand ${file} kan niet worden gelezen (${(error as NodeJS.ErrnoException).code ?? "onbekende fout"})`,
    )
  }
  const parsed = RegionDefinition.parse(text, file)
  if (Result.isFailure(parsed)) throw new ConfigError(parsed.failure.message)
  return parsed.success
}

/** What `load` stored: the plans and partners that were new. */
export interface Loaded {
  readonly plans: ReadonlyArray<string>
  readonly partners: ReadonlyArray<string>
}

/** Writes the plans and partners of `definition` the store does not have yet. */
export const load = (definition: RegionDefinition.Definition) =>
  Effect.gen(function* () {
    const repo = yield* PlanRepository.PlanRepository
    const decisions = yield* CouncilDecisionRepository.CouncilDecisionRepository
    const plans: Array<string> = []
    const partners: Array<string> = []
    for (const partner of definition.partners ?? []) {
      if (Option.isSome(yield* repo.get(PlanEntities.partner, partner.id))) continue
      yield* repo.put(PlanEntities.partner, partner)
      partners.push(partner.id)
    }
    for (const entry of definition.plans) {
      const plan = entry.plan
      if (Option.isSome(yield* repo.get(PlanEntities.plan, plan.id))) continue
      yield* repo.put(PlanEntities.plan, { plan, status: entry.status ?? PlanLifecycle.Draft.make({}) })
      for (const p of entry.programmes ?? []) yield* repo.put(PlanEntities.programme, p)
      for (const g of entry.goals ?? []) yield* repo.put(PlanEntities.goal(plan.id), g)
      for (const a of entry.actions ?? []) yield* repo.put(PlanEntities.action(plan.id), a)
      for (const i of entry.indicators ?? []) yield* repo.put(PlanEntities.indicator(plan.id), i)
      for (const t of entry.targets ?? []) yield* repo.put(PlanEntities.target(plan.id), t)
      if (entry.budget !== undefined) {
        yield* repo.put(PlanEntities.budget, { plan: plan.id, lines: entry.budget.lines, key: entry.budget.key })
      }
      for (const d of entry.decisions ?? []) yield* decisions.recordOnce(d)
      plans.push(plan.id)
    }
    return { plans, partners } satisfies Loaded
  })
