import type { ManifestFile } from './load-manifests.ts';

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * A manifest file from its bytes. Kubernetes manifests are UTF-8; bytes that are not would be replaced by
 * U+FFFD and reach the cluster garbled, so the file carries a problem at the first invalid byte instead.
 */
export function decodeManifestFile(path: string, bytes: Uint8Array): ManifestFile {
  try {
    return { path, content: strict.decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    const column = [...lenient.decode(bytes.subarray(lineStart, offset))].length + 1;
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    return {
      path,
      content: '',
      problem: { line, column, message: `the file is not valid UTF-8 (byte 0x${byte})` },
    };
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (!strictSequence(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return bytes.length;
}

const strictSequence = (sequence: Uint8Array): boolean => {
  try {
    strict.decode(sequence);
    return true;
  } catch {
    return false;
  }
};
