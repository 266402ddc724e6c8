import type { Decorator, Preview } from '@storybook/react-vite';
import { configure } from 'storybook/test';
import '@xyflow/react/dist/style.css';
import '../src/styles.css';
import './story.css';
import { storyColorMode } from './globals.js';
import { preloadInspector } from '../src/inspector/Inspector.js';

// CI runs the stories on 2 cores beside the rest of the suite: findBy*/waitFor get 5 s, not 1 s,
// before they call an element missing (a story that is really broken still fails, only later).
configure({ asyncUtilTimeout: 5000 });

/**
 * Paints the story's surroundings in the toolbar's theme. The `rf-designer-dark` class is the
 * designer's dark-mode hook, so panels rendered alone get their dark styles too.
 */
const withTheme: Decorator = (Story, context) => {
  const mode = storyColorMode(context.globals);
  return (
    <div className={`rf-story rf-story-${mode} rf-designer-${mode}`} data-theme={mode}>
      <Story />
    </div>
  );
};

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Langue du designer / Designer language',
      toolbar: {
        title: 'Langue',
        icon: 'globe',
        items: [
          { value: 'fr', title: 'Français', right: 'fr' },
          { value: 'en', title: 'English', right: 'en' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Thème clair ou sombre / Light or dark theme',
      toolbar: {
        title: 'Thème',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Clair', icon: 'sun' },
          { value: 'dark', title: 'Sombre', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  // French is the language of the designer's users.
  initialGlobals: { locale: 'fr', theme: 'light' },
  decorators: [withTheme],
  // The app loads the Properties panel's forms once idle; stories render them from the start.
  loaders: [() => preloadInspector()],
  parameters: {
    layout: 'fullscreen',
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
};

export default preview;
