/**
 * The adapter's only contact with the file system: reading the configuration file and playbooks, and mapping
 * between document URIs and paths. An open editor buffer wins over the file on disk, so unsaved edits to
 * `.ai-clauses.json` apply at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from './protocol.js';

/** Configuration files and playbooks larger than this are not read (they cannot be sensible configuration). */
const MAX_CONFIG_BYTES = 1_000_000;

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** Canonical form of a file URI, so that `file:///a%20b` and `file:///a b` compare equal. */
export function normalizeUri(uri: string): string {
  const p = uriToPath(uri);
  return p === undefined ? uri : pathToUri(p);
}

export function isConfigFileUri(uri: string): boolean {
  const p = uriToPath(uri);
  return p !== undefined && path.basename(p) === CONFIG_FILE_NAME;
}

export class FileSource {
  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  /** The text of a file: the open document's buffer if it is open, else the file on disk; undefined if unreadable. */
  read(file: string, maxBytes = MAX_CONFIG_BYTES): string | undefined {
    const open = this.openDocument(file);
    if (open) return open.getText();
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > maxBytes) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The buffer of the file if an editor has it open. */
  openText(file: string): string | undefined {
    return this.openDocument(file)?.getText();
  }

  exists(file: string): boolean {
    if (this.openDocument(file)) return true;
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  }

  private openDocument(file: string): TextDocument | undefined {
    const uri = pathToUri(file);
    for (const doc of this.documents.all()) {
      if (doc.uri === uri || normalizeUri(doc.uri) === uri) return doc;
    }
    return undefined;
  }
}
