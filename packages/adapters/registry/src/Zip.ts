/** Zip archives of sample files, written in memory. */

const encoder = new TextEncoder()

/** A zip archive with the files stored (no compression), written in memory; enough for sample deliveries. */
export const zip = (files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>): Uint8Array => {
  const parts: Array<Uint8Array> = []
  const central: Array<Uint8Array> = []
  let offset = 0
  for (const f of files) {
    const name = encoder.encode(f.name)
    const crc = crc32(f.bytes)
    const local = new DataView(new ArrayBuffer(30))
    local.setUint32(0, 0x04034b50, true)
    local.setUint16(4, 20, true)
    local.setUint16(8, 0, true) // stored
    local.setUint16(12, 0x5821, true) // 2024-01-01
    local.setUint32(14, crc, true)
    local.setUint32(18, f.bytes.length, true)
    local.setUint32(22, f.bytes.length, true)
    local.setUint16(26, name.length, true)
    const dir = new DataView(new ArrayBuffer(46))
    dir.setUint32(0, 0x02014b50, true)
    dir.setUint16(4, 20, true)
    dir.setUint16(6, 20, true)
    dir.setUint16(14, 0x5821, true)
    dir.setUint32(16, crc, true)
    dir.setUint32(20, f.bytes.length, true)
    dir.setUint32(24, f.bytes.length, true)
    dir.setUint16(28, name.length, true)
    dir.setUint32(42, offset, true)
    parts.push(new Uint8Array(local.buffer), name, f.bytes)
    central.push(new Uint8Array(dir.buffer), name)
    offset += 30 + name.length + f.bytes.length
  }
  const size = central.reduce((n, c) => n + c.length, 0)
  const end = new DataView(new ArrayBuffer(22))
  end.setUint32(0, 0x06054b50, true)
  end.setUint16(8, files.length, true)
  end.setUint16(10, files.length, true)
  end.setUint32(12, size, true)
  end.setUint32(16, offset, true)
  return concat([...parts, ...central, new Uint8Array(end.buffer)])
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const concat = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
