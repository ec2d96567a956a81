// ESLint (flat config) for the page script, its build script and its unit tests: the
// recommended rules and a few more. Run by scripts/test.sh (npm run lint).
const js = require("@eslint/js");
const globals = require("globals");

const style = {
  curly: "error",
  eqeqeq: "error",
  "no-implicit-globals": "error",
  "no-var": "error",
  "prefer-const": "error",
};

module.exports = [
  {
    ignores: [
      "node_modules/",
      ".venv/",
      "build/",
      "out/",
      "test-artifacts/",
      // Generated from the sources by npm run build (scripts/build-page-js.mjs).
      "src/relocmap/page/relocmap.min.js",
    ],
  },
  js.configs.recommended,
  {
    // The page's script: minified by terser and inlined into carte.html as one classic
    // script. ES2020 keeps it readable by every browser Leaflet 1.9 supports today.
    // The desk's script (src/relocmap/desk/static/) follows the same rules.
    files: ["src/relocmap/page/**/*.js", "src/relocmap/desk/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {...globals.browser, module: "readonly"},
    },
    rules: {
      ...style,
      strict: ["error", "function"],
      // Functions a reader can hold in mind (ARCHITECTURE.md); the file-wide wrapper
      // (an immediately invoked function holding the file's scope) is not counted.
      "max-lines-per-function": ["error", {max: 60, skipBlankLines: true, skipComments: true, IIFEs: false}],
    },
  },
  {
    // The build script (npm run build): an ES module run by Node.
    files: ["scripts/**/*.mjs"],
    languageOptions: {ecmaVersion: "latest", sourceType: "module", globals: globals.node},
    rules: style,
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: {ecmaVersion: "latest", sourceType: "commonjs", globals: globals.node},
    rules: style,
  },
];
