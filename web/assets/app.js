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
  // A second click on a form's button while its first submission is on its way (a slow decision, a signature) is
  // dropped: the server would refuse it (the task is decided) and the refusal would replace the page of the first.
  // Released after 10 s (a form that only downloads a file never navigates) and when the page is shown again (back).
  var SUBMIT_LOCK_MS = 10000;
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var inputs = form.querySelectorAll('input[type="file"][data-max-bytes]');
    for (var i = 0; i < inputs.length; i++) {
      if (showFileProblem(inputs[i])) {
        event.preventDefault();
        inputs[i].focus();
        return;
      }
    }
    if (event.defaultPrevented) return;
    var sentAt = Number(form.getAttribute('data-sent-at') || 0);
    if (Date.now() - sentAt < SUBMIT_LOCK_MS) {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-sent-at', String(Date.now()));
  });
  window.addEventListener('pageshow', function () {
    var sent = document.querySelectorAll('form[data-sent-at]');
    for (var i = 0; i < sent.length; i++) sent[i].removeAttribute('data-sent-at');
  });

  // The receipt's copy buttons (data-copy) and print button (data-print) stay hidden where they cannot work: the
  // number and PIN can still be selected, and the page printed from the browser's menu. Over plain HTTP (an office
  // network) there is no navigator.clipboard: a selected hidden text area and execCommand('copy') do it there.
  var modernCopy = Boolean(navigator.clipboard && window.isSecureContext);
  var canCopy = modernCopy || Boolean(document.queryCommandSupported && document.queryCommandSupported('copy'));
  var copyButtons = document.querySelectorAll('[data-copy]');
  for (var c = 0; c < copyButtons.length; c++) copyButtons[c].hidden = !canCopy;
  var printButton = document.querySelector('[data-print]');
  if (printButton) printButton.hidden = typeof window.print !== 'function';
  var copyStatus = document.querySelector('[data-copy-status]');
  function copyText(text) {
    if (modernCopy) return navigator.clipboard.writeText(text);
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand('copy');
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('[data-copy], [data-print]') : null;
    if (!button) return;
    if (button.hasAttribute('data-print')) {
      window.print();
      return;
    }
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    copyText(button.dataset.copy).then(function () {
      button.textContent = button.dataset.copied || label;
      if (copyStatus) copyStatus.textContent = (button.dataset.copied || '') + ': ' + button.dataset.copy;
      setTimeout(function () {
        button.textContent = label;
      }, 2500);
    }, function () {});
  });
})();
