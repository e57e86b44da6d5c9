/*
 * DEMO STAND-IN / TEST DOUBLE: the tokenizer of MLflow's `runs/search` filter (see runSearchFilter.ts for the
 * grammar): words, quoted strings (single, double or backtick quotes), numbers, comparison operators and punctuation.
 */
import { MlflowError } from './mlflowWireFormat';

export type Token =
  | { kind: 'word'; text: string }
  | { kind: 'quoted'; quote: "'" | '"' | '`'; text: string; raw: string }
  | { kind: 'number'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'punct'; text: '(' | ')' | ',' | '.' | ';' };

export const invalid = (message: string) =>
  new MlflowError(400, 'INVALID_PARAMETER_VALUE', message);

export function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= filter.length) {
          throw invalid(`Error on parsing filter '${filter}'`);
        }
        if (filter[j] === '\\' && c !== '`' && j + 1 < filter.length) {
          text += filter[j + 1];
          j += 2;
        } else if (filter[j] === c && filter[j + 1] === c) {
          text += c;
          j += 2;
        } else if (filter[j] === c) {
          break;
        } else {
          text += filter[j];
          j += 1;
        }
      }
      tokens.push({
        kind: 'quoted',
        quote: c,
        text,
        raw: filter.slice(i, j + 1),
      });
      i = j + 1;
    } else if (/[<>=!]/.test(c)) {
      const op = /^(<=|>=|!=|<>|=|<|>)/.exec(filter.slice(i))?.[0];
      if (!op || op === '<>') {
        throw invalid(
          `Invalid clause(s) in filter string: '${filter.slice(i)}'`,
        );
      }
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else if (/[(),.;]/.test(c)) {
      tokens.push({ kind: 'punct', text: c as '(' | ')' | ',' | '.' | ';' });
      i += 1;
    } else if (/[-+\d]/.test(c)) {
      const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(
        filter.slice(i),
      )?.[0];
      if (!number) {
        throw invalid(
          `Invalid clause(s) in filter string: '${filter.slice(i)}'`,
        );
      }
      tokens.push({ kind: 'number', text: number });
      i += number.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_]\w*/.exec(filter.slice(i))![0];
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    } else {
      throw invalid(`Error on parsing filter '${filter}'`);
    }
  }
  return tokens;
}

export const isWord = (token: Token | undefined, word: string) =>
  token?.kind === 'word' && token.text.toUpperCase() === word;
