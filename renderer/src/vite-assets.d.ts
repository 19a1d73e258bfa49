// Vite's `?url` imports (a bundled asset's URL): the PDF.js worker script.
declare module '*?url' {
  const url: string;
  export default url;
}
