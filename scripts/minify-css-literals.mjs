// A rollup plugin for the script-tag builds: squeezes the text of Lit's `css` and
// `html` tagged templates. esbuild minifies the code but leaves template text alone.
// TypeScript's parser finds the templates, so a backtick in a string, a comment or a
// nested template is never taken for one; only the literal text between `${...}`
// interpolations changes, never the code inside them.
// - css: comments, runs of white space, the spaces around braces, semicolons and
//   commas, and after colons (a space before a colon is kept: in a selector `.a :focus`
//   differs from `.a:focus`).
// - html: a run of white space that holds a line break (the source's indentation)
//   renders as one space, so it is written as one.
import ts from 'typescript';

export function squeezeCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/([\s(:,])0\.(\d)/g, '$1.$2')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')');
}

const squeezeHtml = (text) => text.replace(/[ \t]*\n\s*/g, ' ');

/** The literal pieces of a template: [start, end) of the text between its delimiters. */
function pieces(template) {
  const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((s) => s.literal)];
  return parts.map((p) => {
    const start = p.getStart() + 1; // after ` or }
    const end = p.end - (p.kind === ts.SyntaxKind.TemplateHead || p.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1); // before ${ or `
    return [start, end];
  });
}

export function squeezeLiterals(code, fileName = 'x.ts') {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'css' || node.tag.text === 'html')) {
      const squeeze = node.tag.text === 'css' ? squeezeCss : squeezeHtml;
      for (const [start, end] of pieces(node.template)) edits.push([start, end, squeeze(code.slice(start, end))]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

export function minifyCssLiterals() {
  return {
    name: 'minify-literals',
    transform(code, id) {
      if (!/\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      return { code: squeezeLiterals(code, id), map: null };
    },
  };
}
