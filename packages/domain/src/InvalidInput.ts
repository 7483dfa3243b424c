/**
 * Decoding errors in a form a person can act on: a list of problems, each naming the field (`milestones[0].due`) and
 * saying what was expected there. The API shows these to whoever sent the input; adapters can use them for
 * rejections. `decode(schema)` wraps any schema's decoder so that it fails with `InvalidInput` instead of a raw
 * schema error.
 */
import { Result, Schema, SchemaAST, SchemaIssue } from "effect"

/** One thing wrong with an input: the field (a path, empty for the input as a whole) and what was expected. */
export class Problem extends Schema.Class<Problem>("Problem")({
  field: Schema.String,
  message: Schema.String,
}) {}

/** Input that did not decode; `problems` says where and why. */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  /** What was being decoded, e.g. `Plan`. */
  subject: Schema.String,
  problems: Schema.NonEmptyArray(Problem),
}) {
  override get message(): string {
    return `invalid ${this.subject}: ${this.problems.map((p) => (p.field === "" ? p.message : `${p.field}: ${p.message}`)).join("; ")}`
  }
}

/** A path written as a person would: `milestones[0].due`. */
export const fieldOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`
    const name = String(key)
    return acc === "" ? name : `${acc}.${name}`
  }, "")

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const messageOf = (issue: SchemaIssue.Issue): string => formatter(issue).issues[0]?.message ?? "is not valid"

const expectedOf = (ast: SchemaAST.AST): string => {
  const message = messageOf(new SchemaIssue.InvalidType(ast))
  return message.charAt(0).toLowerCase() + message.slice(1)
}

const walk = (
  issue: SchemaIssue.Issue,
  path: ReadonlyArray<PropertyKey>,
  parent: SchemaAST.AST | undefined,
  out: Array<Problem>,
): void => {
  switch (issue._tag) {
    case "Pointer":
      walk(issue.issue, [...path, ...issue.path], parent, out)
      return
    case "Composite":
      for (const child of issue.issues) walk(child, path, issue.ast, out)
      return
    case "Encoding":
      walk(issue.issue, path, issue.ast, out)
      return
    case "MissingKey": {
      const key = path[path.length - 1]
      const property =
        parent !== undefined && SchemaAST.isObjects(parent)
          ? parent.propertySignatures.find((p) => p.name === key)
          : undefined
      const expected = property === undefined ? "" : ` (${expectedOf(property.type)})`
      out.push(new Problem({ field: fieldOf(path), message: `is required${expected}` }))
      return
    }
    default:
      out.push(new Problem({ field: fieldOf(path), message: messageOf(issue) }))
  }
}

/** The problems a schema issue describes, one per failing field. */
export const problemsOf = (issue: SchemaIssue.Issue): ReadonlyArray<Problem> => {
  const out: Array<Problem> = []
  walk(issue, [], undefined, out)
  return out
}

/** An `InvalidInput` error for a schema error raised while decoding `subject`. */
export const fromSchemaError = (subject: string, error: Schema.SchemaError): InvalidInput => {
  const [first, ...rest] = problemsOf(error.issue)
  return new InvalidInput({
    subject,
    problems: first === undefined ? [new Problem({ field: "", message: error.message })] : [first, ...rest],
  })
}

/**
 * A decoder for `schema` that reports every problem (not only the first) as `InvalidInput`. `subject` names the
 * thing decoded in messages; it defaults to the schema's identifier or title.
 */
export const decode =
  <S extends Schema.Decoder<unknown>>(schema: S, subject?: string) =>
  (input: unknown): Result.Result<S["Type"], InvalidInput> => {
    const result = Schema.decodeUnknownResult(schema)(input, { errors: "all" })
    return Result.mapError(result, (error) =>
      fromSchemaError(
        subject ?? SchemaAST.resolveIdentifier(schema.ast) ?? SchemaAST.resolveTitle(schema.ast) ?? "input",
        error,
      ),
    )
  }
