/* Swagger UI for /openapi.json, started from a file so the page needs no inline script. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle !== "function") { return; }
  window.ui = SwaggerUIBundle({ url: root.getAttribute("data-spec"), dom_id: "#swagger-ui", deepLinking: true });
}());
