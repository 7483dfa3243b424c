#!/usr/bin/env node
/**
 * The `baken` command-line tool (commander): `serve`, `migrate`, `token create|list|revoke`, `ingest` (a local
 * adapter run, optionally pushed to a server so a BSN never leaves the partner; the adapter a built-in one or the
 * partner's own module), `adapter new` (a partner's adapter project from the kit's template) and `demo`. `--json` prints one JSON
 * value for scripts. Exit codes: 0 done, 1 failed (the reason on one line), 2 wrong usage, 3 configuration wrong.
 */
import { Command, CommanderError, Option } from "commander"
import * as Cli from "./Commands.js"

const program = new Command("baken")
  .description("Baken: the regional plan Bescherming en Opvang as software")
  .option("--json", "print one JSON value instead of text")
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })

program
  .command("serve")
  .description("start the API server (embedded store in ./data unless DATABASE_URL is set)")
  .option("--region <file>", "the region definition to serve (JSON; default: Gooi en Vechtstreek)")
  .option("--demo", "load the reference plan and labelled demo data, and print a region-role token")
  .option("-p, --port <port>", "port to listen on (default: PORT or 3000)")
  .action((options: { demo?: boolean; port?: string; region?: string }) =>
    Cli.serve({ ...options, json: program.opts().json === true }),
  )

program
  .command("migrate")
  .description("bring the database's schema up to date")
  .action(() => Cli.migrate({ json: program.opts().json === true }))

const token = program.command("token").description("API tokens: create, list, revoke")
token
  .command("create")
  .description("issue a token; its secret is printed once")
  .addOption(
    new Option("--audience <audience>", "who the token is for")
      .choices(["partner", "municipality", "region", "admin"])
      .makeOptionMandatory(),
  )
  .option("--partner <id>", "the partner a partner token delivers as")
  .option("--municipality <code>", "the municipality of a municipality token (e.g. GM0402)")
  .requiredOption("--label <label>", "who holds the token")
  .option("--days <days>", "days until it expires", "365")
  .action((options) => Cli.tokenCreate({ ...options, json: program.opts().json === true }))
token
  .command("list")
  .description("list tokens (never their secrets)")
  .action(() => Cli.tokenList({ json: program.opts().json === true }))
token
  .command("revoke")
  .description("revoke a token by id")
  .argument("<id>", "the token's id")
  .action((id: string) => Cli.tokenRevoke(id, { json: program.opts().json === true }))

program
  .command("ingest")
  .description("run an adapter over files here; with --push, send the pseudonymised result to a server")
  .option("--adapter <id>", "the adapter to run (see the list below)")
  .option(
    "--adapter-module <file>",
    "run your own adapter instead: a module exporting one made with defineAdapter (as `adapter` or default)",
  )
  .option("--push <url>", "the server to push the result to, e.g. http://127.0.0.1:3000")
  .option("--token <token>", "the partner token to push with (or BAKEN_TOKEN)")
  .option("--partner <id>", "the partner delivering, when storing locally")
  .option(
    "--oprf-key <hex>",
    "the server's OPRF public key to check answers against (or BAKEN_OPRF_KEY; default: the key seen at the first push, kept in BAKEN_KNOWN_KEYS or ~/.baken/oprf-keys.json)",
  )
  .argument("<files...>", "files, folders or zip archives")
  .addHelpText(
    "after",
    `\n${Cli.adapterHelp()}\n\nExit codes: 0 every file was read (rejected rows are listed as file:line rule — message), 1 a file as a whole was refused.`,
  )
  .action((files: Array<string>, options) => Cli.ingest(files, { ...options, json: program.opts().json === true }))

const adapter = program.command("adapter").description("your own adapter: a project to start from")
adapter
  .command("new")
  .description("make a new adapter project from the kit's template: adapter, conformance test, fixtures")
  .argument("<name>", "the adapter's id, e.g. huurachterstand")
  .option("--dir <dir>", "the folder to make it in (default: ./<name>)")
  .action((name: string, options: { dir?: string }) =>
    Cli.adapterNew(name, { ...options, json: program.opts().json === true }),
  )

program
  .command("keys")
  .description("the server's own keys (made at first start, kept in the store)")
  .command("rotate")
  .description("replace the OPRF key and/or the storage key; for a stopped server (see the README for what it costs)")
  .option("--oprf", "the OPRF key partners' pseudonyms are evaluated with")
  .option("--storage", "the key stored pseudonyms are made with")
  .action((options) => Cli.keysRotate({ ...options, json: program.opts().json === true }))

program
  .command("demo")
  .description("load the reference plan and clearly labelled demo data into the database")
  .action(() => Cli.demo({ json: program.opts().json === true }))

try {
  await program.parseAsync(process.argv)
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2)
  throw error
}
