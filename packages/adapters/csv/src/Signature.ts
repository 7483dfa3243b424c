/**
 * File signatures: what the first bytes of a delivery say it really is. A spreadsheet saved as an Excel workbook and
 * renamed `.csv` starts with the ZIP signature (`.xlsx`) or the OLE2 signature (`.xls`); Excel's "Unicode text"
 * starts with a UTF-16 byte-order mark. None of them is CSV, and each gets a message that says what to do instead.
 */

/** What the first bytes reveal; `text` means nothing that rules out CSV. */
export type Kind = "xlsx" | "xls" | "utf-16" | "text"

const startsWith = (bytes: Uint8Array, signature: ReadonlyArray<number>): boolean =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)

/** The kind of file the first bytes (at least 8, when the file has them) belong to. */
export const sniff = (first: Uint8Array): Kind => {
  if (startsWith(first, [0x50, 0x4b, 0x03, 0x04])) return "xlsx"
  if (startsWith(first, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls"
  if (startsWith(first, [0xff, 0xfe]) || startsWith(first, [0xfe, 0xff])) return "utf-16"
  return "text"
}

/** How many leading bytes `sniff` needs to decide. */
export const length = 8

/** The message for a file that is not CSV, in Dutch and English. */
export const message = (kind: Exclude<Kind, "text">): { readonly nl: string; readonly en: string } => {
  switch (kind) {
    case "xlsx":
      return {
        nl: "Dit bestand is een Excel-werkmap (.xlsx) met een andere naam, geen CSV. Kies in Excel 'Opslaan als' > 'CSV UTF-8 (gescheiden door lijstscheidingsteken)' en lever dat bestand. Het hele bestand is geweigerd.",
        en: "This file is an Excel workbook (.xlsx) renamed, not CSV. In Excel choose Save As > 'CSV UTF-8' and deliver that file. The whole file was refused.",
      }
    case "xls":
      return {
        nl: "Dit bestand is een oude Excel-werkmap (.xls) met een andere naam, geen CSV. Kies in Excel 'Opslaan als' > 'CSV UTF-8 (gescheiden door lijstscheidingsteken)'. Het hele bestand is geweigerd.",
        en: "This file is an old Excel workbook (.xls) renamed, not CSV. In Excel choose Save As > 'CSV UTF-8'. The whole file was refused.",
      }
    case "utf-16":
      return {
        nl: "Dit bestand is als 'Unicode-tekst' (UTF-16) opgeslagen. Sla het op als 'CSV UTF-8 (gescheiden door lijstscheidingsteken)'. Het hele bestand is geweigerd.",
        en: "This file was saved as 'Unicode text' (UTF-16). Save it as 'CSV UTF-8'. The whole file was refused.",
      }
  }
}
