import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  {
    // TypeScript already checks names; no-undef does not understand declared globals.
    files: ['**/*.ts', '**/*.svelte'],
    rules: { 'no-undef': 'off' }
  },
  {
    // Architecture: only src/lib/db talks to IndexedDB through Dexie, and only the services
    // (and db itself) import the database. Screens, components and state classes call services.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/db/**', 'src/lib/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Only src/lib/db imports Dexie.' }],
          patterns: [
            {
              group: ['$lib/db', '$lib/db/*', '**/db/db', '**/lib/db/*'],
              message: 'Only src/lib/services imports the database: call a service instead.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/lib/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'dexie', message: 'Only src/lib/db imports Dexie.' }] }
      ]
    }
  },
  {
    files: [
      'src/lib/deck/**',
      'src/lib/srs/**',
      'src/lib/quiz/**',
      'src/lib/share/**',
      'src/lib/format.ts'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Pure modules never touch storage.' }],
          patterns: [
            {
              group: [
                'svelte',
                'svelte/*',
                '$app/*',
                '$lib/db',
                '$lib/db/*',
                '**/db/db',
                '$lib/services/*',
                '$lib/state/*'
              ],
              message: 'Pure modules import no Svelte, storage or services.'
            }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB'
      ]
    }
  }
);
