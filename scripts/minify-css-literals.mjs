// A rollup plugin for the script-tag builds: squeezes the text of Lit's `css`
// tagged templates (comments, runs of white space, the spaces around braces,
// semicolons, commas and after colons). esbuild minifies the code but leaves
// template text alone, and the styles are a large part of the widget's bytes.
// A space before a colon is kept: in a selector `.a :focus` differs from `.a:focus`.
const CSS_LITERAL = /\bcss`([^`]*)`/g;

export function squeezeCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

export function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!/\.ts$/.test(id) || !code.includes('css`')) return null;
      // Interpolations (`${...}`) pass through untouched: only the text between them is squeezed.
      const out = code.replace(CSS_LITERAL, (_, body) => 'css`' + body.split(/(\$\{[^}]*\})/).map((part, i) => (i % 2 ? part : squeezeCss(part))).join('') + '`');
      return { code: out, map: null };
    },
  };
}
