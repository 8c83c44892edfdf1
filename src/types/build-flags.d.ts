// Constants that build.mjs defines per bundle (esbuild `define`); tests see them as globals set in setup.
declare const __FIREFOX__: boolean;
declare const __DEBUG__: boolean;
