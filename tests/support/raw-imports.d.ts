// Vite's `?raw` imports (browser tests read recorded events as text).
declare module '*?raw' {
  const text: string;
  export default text;
}
