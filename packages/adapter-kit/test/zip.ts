// Builds zip archives in memory for tests, with yazl (the writing counterpart of yauzl).
import * as yazl from "yazl"

/** A zip archive holding the given files, in order. */
export const zip = async (files: ReadonlyArray<{ name: string; content: string | Uint8Array }>): Promise<Buffer> => {
  const archive = new yazl.ZipFile()
  for (const f of files) {
    if (f.name.endsWith("/")) archive.addEmptyDirectory(f.name)
    else archive.addBuffer(Buffer.from(f.content), f.name)
  }
  archive.end()
  const chunks: Array<Buffer> = []
  for await (const chunk of archive.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
