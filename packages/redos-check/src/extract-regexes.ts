/**
 * Finds every regular expression written in TypeScript sources: literals (`/a+b/i`) and `new RegExp(...)` /
 * `RegExp(...)` whose pattern can be evaluated statically (string literals, constants holding one, `x.source` of a
 * literal, `[...].join(sep)` and `+` of those). A constructor whose pattern cannot be evaluated is reported as
 * dynamic: it cannot be checked, so the caller decides (the test fails on it unless listed with a reason).
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export type FoundRegex = { file: string; line: number; source: string; flags: string };
export type DynamicRegex = { file: string; line: number; text: string };

export function extractRegexes(file: string): { regexes: FoundRegex[]; dynamic: DynamicRegex[] } {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const regexes: FoundRegex[] = [];
  const dynamic: DynamicRegex[] = [];
  const constants = new Map<string, ts.Expression>();
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

  // First pass: top-level and nested `const NAME = <expr>` initialisers, for static evaluation.
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      constants.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, collect);
  };
  collect(sf);

  const evaluate = (expr: ts.Expression, depth = 0): string | null => {
    if (depth > 20) return null;
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
    if (ts.isParenthesizedExpression(expr)) return evaluate(expr.expression, depth + 1);
    if (ts.isIdentifier(expr)) {
      const init = constants.get(expr.text);
      return init ? evaluate(init, depth + 1) : null;
    }
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const l = evaluate(expr.left, depth + 1);
      const r = evaluate(expr.right, depth + 1);
      return l !== null && r !== null ? l + r : null;
    }
    if (ts.isTemplateExpression(expr)) {
      let out = expr.head.text;
      for (const span of expr.templateSpans) {
        const v = evaluate(span.expression, depth + 1);
        if (v === null) return null;
        out += v + span.literal.text;
      }
      return out;
    }
    if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'source') {
      const target = ts.isIdentifier(expr.expression) ? constants.get(expr.expression.text) : expr.expression;
      if (target && ts.isRegularExpressionLiteral(target)) return splitLiteral(target.text).source;
      return null;
    }
    if (
      ts.isCallExpression(expr) &&
      ts.isPropertyAccessExpression(expr.expression) &&
      expr.expression.name.text === 'join' &&
      ts.isArrayLiteralExpression(expr.expression.expression)
    ) {
      const parts = expr.expression.expression.elements.map((e) => evaluate(e, depth + 1));
      const sep = expr.arguments[0] ? evaluate(expr.arguments[0], depth + 1) : ',';
      if (sep === null || parts.some((p) => p === null)) return null;
      return parts.join(sep);
    }
    return null;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      regexes.push({ file, line: lineOf(node), ...splitLiteral(node.text) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [patternArg, flagsArg] = node.arguments ?? [];
      const source = patternArg ? evaluate(patternArg) : null;
      const flags = flagsArg ? evaluate(flagsArg) : '';
      if (source === null || flags === null) dynamic.push({ file, line: lineOf(node), text: node.getText(sf) });
      else regexes.push({ file, line: lineOf(node), source, flags });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { regexes, dynamic };
}

function splitLiteral(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}
