/**
 * THE authorisation table: for every procedure, the audiences that may call it. It is the only place access is
 * decided by audience; procedures narrow further by subject (a partner sees only its own deliveries, a municipality
 * only its own finer figures). A procedure without a row is refused, and the authorisation test fails on it.
 */
import { type Audience, all } from "./Audience.js"

const everyone = all
const staff: ReadonlyArray<Audience> = ["municipality", "region"]

/** Procedure path → audiences allowed to call it. */
export const table: Readonly<Record<string, ReadonlyArray<Audience>>> = {
  "plan.list": everyone,
  "plan.get": everyone,
  "plan.status": everyone,
  "plan.decisions": everyone,
  "plan.create": ["region"],
  "plan.update": ["region"],
  "plan.editPart": ["region"],
  "plan.putPart": ["region"],
  "plan.removePart": ["region"],
  "plan.release": ["region"],
  "plan.recordDecision": ["region"],
  "plan.amend": ["region"],
  "plan.amendments": everyone,
  "plan.asOn": everyone,
  "region.get": everyone,
  "municipality.list": everyone,
  "municipality.membersOn": everyone,
  "partner.list": everyone,
  "partner.commitments": everyone,
  "partner.schedule": ["partner", "region"],
  "partner.setSchedule": ["region"],
  "partner.rights": ["partner", "region"],
  "partner.setRights": ["region"],
  "partner.put": ["region"],
  "partner.pseudonymisation": ["region", "admin"],
  "partner.grantPseudonymisation": ["region"],
  "delivery.push": ["partner"],
  "delivery.list": ["partner", "region"],
  "delivery.rejections": ["partner", "region"],
  "delivery.overdue": ["partner", "region"],
  "adapter.list": ["partner", "region", "admin"],
  "indicator.list": everyone,
  "indicator.dashboard": everyone,
  "indicator.values": everyone,
  "indicator.targets": everyone,
  "indicator.benchmark": everyone,
  "indicator.compare": everyone,
  "indicator.exportCsv": everyone,
  "budget.get": staff,
  "budget.shares": everyone,
  "budget.set": ["region"],
  "councilLetter.get": staff,
  "councilLetter.list": staff,
  "councilLetter.issue": ["region"],
  "councilLetter.adoption": staff,
  "token.list": ["admin"],
  "token.create": ["admin"],
  "token.revoke": ["admin"],
  "session.list": ["admin"],
  "session.end": ["admin"],
  "session.endPerson": ["admin"],
  "processingLog.list": ["region", "admin"],
  "processingLog.count": ["region", "admin"],
  "dashboard.overview": everyone,
  "dashboard.programme": everyone,
  "dashboard.municipality": everyone,
  "dashboard.flows": everyone,
  "dashboard.me": everyone,
  "dashboard.plan": everyone,
  "dashboard.partner": ["partner"],
  "dashboard.delivery": ["partner"],
  "dashboard.region": ["region"],
  "dashboard.admin": ["admin"],
  "dashboard.sessions": ["admin"],
  "dashboard.processingLog": ["admin"],
  "dashboard.councilLetter": staff,
}

/** What the table says about a call: allowed, denied, or no row (refused, and a test failure). */
export type Decision = "allowed" | "denied" | "no-row"

/** Looks `path` up in the table for `audience`. */
export const decide = (path: string, audience: Audience): Decision => {
  const row = Object.hasOwn(table, path) ? table[path] : undefined
  if (row === undefined) return "no-row"
  return row.includes(audience) ? "allowed" : "denied"
}
