// The one place that names the lit-html WebJar's version (the parent pom's lit-html.version).
export { html, render, nothing } from '/console/webjars/lit-html/3.3.2/lit-html.js';
