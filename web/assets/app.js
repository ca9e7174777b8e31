// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // An error summary takes focus, so keyboard and screen reader users meet it first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // A file larger than the field's limit is refused before it is sent (the server checks again).
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input || input.type !== 'file' || !input.dataset.maxBytes) return;
    var max = Number(input.dataset.maxBytes);
    var file = input.files && input.files[0];
    var message = input.dataset.tooLarge || 'File too large';
    input.setCustomValidity(file && file.size > max ? message : '');
    input.reportValidity();
  });
})();
