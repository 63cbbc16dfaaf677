// Types for the parts of the untyped espeak-ng package (Emscripten build of the eSpeak-NG CLI) we use.
declare module 'espeak-ng' {
  interface ESpeakNgOptions {
    /** Command-line arguments, as for the `espeak-ng` program. */
    arguments: string[];
    print?: (line: string) => void;
    printErr?: (line: string) => void;
    /** Emscripten hook to instantiate the WebAssembly module ourselves (lets a compiled module be reused). */
    instantiateWasm?: (
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance) => void,
    ) => Record<string, never>;
  }

  interface ESpeakNgInstance {
    /** Emscripten's in-memory file system, where `-w file.wav` writes. */
    FS: { readFile(path: string): Uint8Array };
  }

  export default function ESpeakNg(options: ESpeakNgOptions): Promise<ESpeakNgInstance>;
}
