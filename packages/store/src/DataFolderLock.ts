/**
 * One writer per data folder. PGlite keeps the database in this process's memory and writes it back to the folder,
 * so two processes on one folder each acknowledge writes the other never sees, and one of them is lost. Opening a
 * data folder therefore takes the lock file `baken.lock` in it, naming the process (pid, host, command, start); a
 * second opener is refused with one line naming that process. A lock whose process is gone (killed with SIGKILL, a
 * crash, a reboot) is taken over: the holder's pid no longer runs, or now belongs to a process started later.
 */
import { randomBytes } from "node:crypto"
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import { basename, join } from "node:path"
import { Effect, type Scope } from "effect"
import { DataFolderInUse, DataFolderNotWritable, StoreError } from "./StoreError.js"

/** The lock file's name inside the data folder. */
export const fileName = "baken.lock"

/** Who holds a data folder. */
export interface Holder {
  readonly pid: number
  readonly host: string
  /** What the process runs, e.g. `baken serve`. */
  readonly command: string
  /** When the process took the lock (ISO). */
  readonly since: string
  /** The process's start time in clock ticks since boot (Linux), to tell a reused pid from the holder. */
  readonly started?: string | undefined
}

/** What this process runs, from its arguments: `baken serve` for the CLI, the script's name otherwise. */
export const describeThisProcess = (): string => {
  const [script, ...args] = process.argv.slice(1)
  const name = script === undefined ? "node" : basename(script)
  // The words before the options: `baken --json token create --audience region` is `baken token create`.
  const words = args.slice(args.findIndex((a) => !a.startsWith("-")))
  const end = words.findIndex((a) => a.startsWith("-"))
  const command = args.every((a) => a.startsWith("-")) ? [] : end === -1 ? words : words.slice(0, end)
  return [name === "cli.js" ? "baken" : name, ...command].join(" ").slice(0, 200)
}

/** A process's start time (field 22 of `/proc/<pid>/stat`), or undefined where there is no `/proc`. */
const startTimeOf = (pid: number): string | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    // The command name (field 2) is in parentheses and may hold spaces; the fields after it are plain.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]
  } catch {
    return undefined
  }
}

/** Whether `holder` still runs; a holder on another host cannot be checked and counts as running. */
export const isAlive = (holder: Holder): boolean => {
  if (holder.host !== hostname()) return true
  try {
    process.kill(holder.pid, 0)
  } catch (error) {
    // EPERM: the pid runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
  const started = startTimeOf(holder.pid)
  return holder.started === undefined || started === undefined || started === holder.started
}

const parse = (text: string): Holder | undefined => {
  try {
    const value = JSON.parse(text) as Partial<Holder>
    return typeof value.pid === "number" && typeof value.host === "string"
      ? {
          pid: value.pid,
          host: value.host,
          command: String(value.command ?? "?"),
          since: String(value.since ?? "?"),
          started: value.started,
        }
      : undefined
  } catch {
    return undefined
  }
}

const errnoOf = (error: unknown): string => String((error as NodeJS.ErrnoException).code ?? "")

const readLock = (path: string): string | undefined => {
  try {
    return readFileSync(path, "utf8")
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return undefined
    throw error
  }
}

/**
 * Takes the lock of the data folder `dir` for this process, or says who holds it. The lock file appears complete
 * or not at all (written aside, then hard-linked into place), so a reader never sees half a holder.
 */
export const tryAcquire = (dir: string, command: string): { readonly _tag: "Taken" } | Holder => {
  const path = join(dir, fileName)
  const mine: Holder = {
    pid: process.pid,
    host: hostname(),
    command,
    since: new Date().toISOString(),
    started: startTimeOf(process.pid),
  }
  const aside = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`
  writeFileSync(aside, `${JSON.stringify(mine)}\n`, { mode: 0o644 })
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        linkSync(aside, path)
        return { _tag: "Taken" }
      } catch (error) {
        if (errnoOf(error) !== "EEXIST") throw error
      }
      const text = readLock(path)
      if (text === undefined) continue
      const holder = parse(text)
      if (holder !== undefined && isAlive(holder)) return holder
      // A dead holder (or an unreadable lock, which no live Baken writes): move it aside under a name of our own,
      // which only one taker can do, and take over unless what we moved turns out to be a live lock after all.
      const stale = `${path}.stale.${process.pid}.${randomBytes(4).toString("hex")}`
      try {
        renameSync(path, stale)
      } catch (error) {
        if (errnoOf(error) === "ENOENT") continue
        throw error
      }
      const moved = readLock(stale)
      const other = moved === undefined || moved === text ? undefined : parse(moved)
      if (other !== undefined && isAlive(other)) {
        // Another taker got there between our read and our move: put its lock back and leave it the folder.
        try {
          linkSync(stale, path)
        } catch {
          // A third process holds the place now; it is refused or refuses in its turn.
        }
        rmSync(stale, { force: true })
        return other
      }
      rmSync(stale, { force: true })
    }
    return parse(readLock(path) ?? "") ?? mine
  } finally {
    rmSync(aside, { force: true })
  }
}

/** Gives the lock back, if this process still holds it. */
export const release = (dir: string): void => {
  const path = join(dir, fileName)
  try {
    const holder = parse(readLock(path) ?? "")
    if (holder?.pid === process.pid && holder.host === hostname()) rmSync(path, { force: true })
  } catch {
    // Nothing to give back: the folder is gone or unreadable, and the next opener judges the lock by its pid.
  }
}

/** Holds the lock of `dir` for as long as the scope lasts; fails with `DataFolderInUse` naming the holder. */
export const hold = (
  dir: string,
  command: string = describeThisProcess(),
): Effect.Effect<void, StoreError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.try({
      try: () => tryAcquire(dir, command),
      catch: (cause) =>
        new StoreError({
          reason: new DataFolderNotWritable({
            path: dir,
            detail: cause instanceof Error ? cause.message : String(cause),
          }),
        }),
    }).pipe(
      Effect.flatMap((result) =>
        "_tag" in result
          ? Effect.void
          : Effect.fail(
              new StoreError({
                reason: new DataFolderInUse({
                  path: dir,
                  pid: result.pid,
                  host: result.host,
                  command: result.command,
                  since: result.since,
                }),
              }),
            ),
      ),
    ),
    () => Effect.sync(() => release(dir)),
  ).pipe(Effect.asVoid)
