import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

/** Import patterns a layer may not use: the arrows point one way (README, "Layout"). */
const UI = ['vue', 'pinia', 'vue-i18n', '**/components/**', '**/views/**', '**/stores/**', '**/composables/**', '*.vue'];
const layer = (files, groups, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'bench/out/**', 'bench/scratch/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/no-v-html': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // Layers: views -> components -> stores/composables -> workspace -> analytics/ingest -> engine.
  layer(['src/engine/**'], [...UI, '**/workspace/**', '**/analytics/**', '**/ingest/**', '**/demo/**'],
    'engine is the bottom layer: it imports no ingest, analytics, workspace or UI code.'),
  layer(['src/ingest/**', 'src/analytics/**', 'src/demo/**'], [...UI, '**/workspace/**'],
    'ingest, analytics and demo sit under the workspace and never import it, Vue, Pinia or UI code.'),
  layer(['src/workspace/**'], UI,
    'workspace is Vue-free: stores hand its state to Vue, never the other way.'),
  layer(['src/stores/**'], ['**/composables/**', '**/components/**', '**/views/**'],
    'stores import no composables, components or views.'),
  layer(['src/composables/**'], ['**/components/**', '**/views/**'],
    'composables import no components or views.'),
  layer(['src/components/**'], ['**/views/**'],
    'components import no views.'),
);
