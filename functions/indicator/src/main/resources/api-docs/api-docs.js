// Renders /openapi.yml with the vendored Swagger UI. Requests made with "Try it out" go to this
// page's origin, the API; nothing is fetched from anywhere else (no online validator badge).
window.ui = SwaggerUIBundle({
  url: '/openapi.yml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
