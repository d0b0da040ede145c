// The home page's question form: go straight to the overview with clean filter parameters.
// Without JavaScript the form still works: the overview reads its `waar` parameter.

const form = document.querySelector("form[data-question-form]");
if (form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    const phenomenon = form.elements.fenomeen.value;
    if (phenomenon) query.set("fenomeen", phenomenon);
    const [parameter, value] = form.elements.waar.value.split(":");
    if (value) query.set(parameter, value);
    const search = query.toString();
    window.location.href = form.getAttribute("action") + (search ? "?" + search : "");
  });
}
