// The one place that names the Chart.js WebJar's version (the parent pom's chart.js.version). Its
// UMD build sets globalThis.Chart; loaded on first use, by the statistics screen only.
export async function loadChart() {
  if (!globalThis.Chart) await import('/console/webjars/chart.js/4.5.1/dist/chart.umd.js');
  return globalThis.Chart;
}
