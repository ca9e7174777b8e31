// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // An error summary takes focus, so keyboard and screen reader users meet it first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // A file larger than the field's limit is refused before it is sent (the server checks again): the message
  // shows next to the field, and the form is not sent while a chosen file is too large.
  function tooLarge(input) {
    var file = input.files && input.files[0];
    return Boolean(file && input.dataset.maxBytes && file.size > Number(input.dataset.maxBytes));
  }
  function showFileProblem(input) {
    var id = input.id + '-too-large';
    var message = document.getElementById(id);
    var problem = tooLarge(input);
    if (problem && !message) {
      message = document.createElement('p');
      message.id = id;
      message.className = 'field-message';
      message.setAttribute('role', 'alert');
      message.textContent = input.dataset.tooLarge || 'File too large';
      input.parentNode.insertBefore(message, input);
      input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + id).trim());
    } else if (!problem && message) {
      message.parentNode.removeChild(message);
      input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') || '').replace(id, '').trim());
    }
    input.setAttribute('aria-invalid', problem ? 'true' : input.closest('.field-error') ? 'true' : 'false');
    return problem;
  }
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (input && input.type === 'file' && input.dataset.maxBytes) showFileProblem(input);
  });
  document.addEventListener('submit', function (event) {
    var inputs = event.target.querySelectorAll('input[type="file"][data-max-bytes]');
    for (var i = 0; i < inputs.length; i++) {
      if (showFileProblem(inputs[i])) {
        event.preventDefault();
        inputs[i].focus();
        return;
      }
    }
  });
})();
