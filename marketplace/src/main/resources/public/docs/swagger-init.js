// The OpenAPI document is generated from the service's controllers at build time and served beside this page.
window.ui = SwaggerUIBundle({ url: "/api/openapi/data-element-exchange-api-0.1.yml", dom_id: "#api" });
