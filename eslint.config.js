// ESLint (flat config) for the page script and its unit tests: the recommended rules
// and a few more. Run by scripts/test.sh (npm run lint).
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
  {ignores: ["node_modules/", ".venv/", "build/", "out/", "test-artifacts/"]},
  js.configs.recommended,
  {
    // The page's script: inlined into carte.html as one classic script. ES2020 keeps it
    // readable by every browser Leaflet 1.9 supports today; comment lines are dropped
    // when inlined, so no template literal (a line of one could start with //).
    files: ["src/relocmap/page/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {...globals.browser, module: "readonly"},
    },
    rules: {
      ...style,
      strict: ["error", "function"],
      "no-restricted-syntax": [
        "error",
        {selector: "TemplateLiteral", message: "Use string concatenation (see eslint.config.js)."},
      ],
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: {ecmaVersion: "latest", sourceType: "commonjs", globals: globals.node},
    rules: style,
  },
];
