// Constants that build.mjs defines per bundle (esbuild `define`); tests see them as globals set in setup.
declare const __FIREFOX__: boolean;
declare const __DEBUG__: boolean;
/** Model files the background starts reading at once (the blend's n-gram members); absent outside the extension's bundle. */
declare const __MODEL_PREFETCH__: readonly string[] | undefined;
