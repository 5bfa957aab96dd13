/** Reading a PNG's header in tests: the signature, the IHDR chunk and its CRC, and the IEND chunk. */
import zlib from 'node:zlib';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

/** Decodes a PNG's header; fails the test when the bytes are not a whole PNG. */
export function decodePngHeader(bytes: Buffer): PngHeader {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.readUInt32BE(8)).toBe(13);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(bytes.readUInt32BE(29)).toBe(zlib.crc32(bytes.subarray(12, 29)));
  expect(bytes.subarray(bytes.length - 8, bytes.length - 4).toString('latin1')).toBe('IEND');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes.readUInt8(24), colorType: bytes.readUInt8(25) };
}
