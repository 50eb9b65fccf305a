/** Where one YAML document lies in its file: [start, end) offsets, its `---` marker included. */
export interface DocumentSlice {
  start: number;
  end: number;
}

const documentStart = /^---(?=[ \t\r\n]|$)/gm;
// Directives and document-end markers change how the documents around them read: left to the full parser.
const unusualStructure = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;

/**
 * The documents of a YAML stream, cut at its `---` lines. In YAML a `---` at the start of a line always
 * starts a document, inside block scalars too, so the cut needs no parsing. Undefined when the file uses
 * directives or `...` end markers.
 */
export function splitYamlDocuments(content: string): DocumentSlice[] | undefined {
  if (unusualStructure.test(content)) return undefined;
  const slices: DocumentSlice[] = [];
  let start = 0;
  for (const match of content.matchAll(documentStart)) {
    if (match.index > start) slices.push({ start, end: match.index });
    start = match.index;
  }
  slices.push({ start, end: content.length });
  return slices;
}
