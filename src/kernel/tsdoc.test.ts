/**
 * The student-facing kernel API is documented like the WDK: the hover of
 * every Ke*, Ex* and Io* routine states the IRQL it may be called at. Read
 * with TypeScript 5, the editor's compiler, from `spinlab/kernel`'s entry
 * point, as an editor resolves it.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript5';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));

/** Each routine `spinlab/kernel` exports, with the text of its TSDoc (as a hover shows it; '' if none). */
function exportedRoutineDocs(): ReadonlyMap<string, string> {
  const program = ts.createProgram([ENTRY], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noLib: true,
    types: [],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;
  const docs = new Map<string, string>();
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Function)) continue;
    docs.set(exported.name, ts.displayPartsToString(symbol.getDocumentationComment(checker)));
  }
  return docs;
}

const DOCS = exportedRoutineDocs();
const KERNEL_ROUTINES = [...DOCS.keys()].filter((name) => /^(Ke|Ex|Io)[A-Z]/.test(name));

/** Whether `doc` states an IRQL in bold, as every routine's TSDoc does (`**IRQL ≤ DISPATCH_LEVEL.**`, `**Any IRQL.**`). */
function statesIrql(doc: string): boolean {
  return [...doc.matchAll(/\*\*([^*]+)\*\*/g)].some(([, bold]) => /\bIRQL\b|PASSIVE_LEVEL|APC_LEVEL|DISPATCH_LEVEL|DIRQL|HIGH_LEVEL/.test(bold!));
}

describe('spinlab/kernel TSDoc', () => {
  it('finds the routines through the entry point (the ExInterlocked and DPC-level ones among them)', () => {
    expect(KERNEL_ROUTINES.length).toBeGreaterThan(30);
    expect(KERNEL_ROUTINES.filter((name) => name.startsWith('ExInterlocked')).sort()).toEqual([
      'ExInterlockedAddUlong',
      'ExInterlockedInsertHeadList',
      'ExInterlockedInsertTailList',
      'ExInterlockedPopEntryList',
      'ExInterlockedPushEntryList',
      'ExInterlockedRemoveHeadList',
    ]);
    expect(KERNEL_ROUTINES.filter((name) => /(AtDpcLevel|FromDpcLevel)$/.test(name)).sort()).toEqual([
      'KeAcquireInStackQueuedSpinLockAtDpcLevel',
      'KeAcquireSpinLockAtDpcLevel',
      'KeReleaseInStackQueuedSpinLockFromDpcLevel',
      'KeReleaseSpinLockFromDpcLevel',
      'KeTryToAcquireSpinLockAtDpcLevel',
    ]);
  });

  it('every Ke*, Ex* and Io* routine has TSDoc stating the IRQL it may be called at', () => {
    const missing = KERNEL_ROUTINES.filter((name) => !/\bIRQL\b/.test(DOCS.get(name)!) || !statesIrql(DOCS.get(name)!));
    expect(missing).toEqual([]);
  });

  it('every ExInterlocked* routine states its IRQL: any, up to DIRQL', () => {
    const routines = KERNEL_ROUTINES.filter((name) => name.startsWith('ExInterlocked'));
    const missing = routines.filter((name) => !statesIrql(DOCS.get(name)!) || !/\bany IRQL\b/i.test(DOCS.get(name)!) || !/\bDIRQL\b/.test(DOCS.get(name)!));
    expect(missing).toEqual([]);
  });

  it('every AtDpcLevel / FromDpcLevel routine says IRQL ≥ DISPATCH_LEVEL, not = DISPATCH_LEVEL', () => {
    const routines = KERNEL_ROUTINES.filter((name) => /(AtDpcLevel|FromDpcLevel)$/.test(name));
    const wrong = routines.filter((name) => {
      const doc = DOCS.get(name)!;
      return !/IRQL (≥|>=) DISPATCH_LEVEL/.test(doc) || /IRQL = DISPATCH_LEVEL/.test(doc);
    });
    expect(wrong).toEqual([]);
  });
});
