// The questionnaire page's autosave (bot/web/saq.py): each answer is posted as it changes
// and each chosen file as it is picked, and the page shows "saved" and the progress.
// Without this script the section buttons post the whole form, so nothing depends on it.
(function () {
  "use strict";
  var form = document.getElementById("saq");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var csrf = form.elements.namedItem("csrf").value;
  var timers = {};
  form.classList.add("autosaving");

  function questionOf(name) {
    return name.slice(name.indexOf(".") + 1);
  }

  function say(question, words, bad) {
    var place = document.getElementById("status-" + question);
    if (place) {
      place.textContent = words;
      place.classList.toggle("error", Boolean(bad));
    }
  }

  function show(question, reply) {
    if (reply.refused) {
      window.location.reload();  // the page then says why the link no longer works
      return;
    }
    var error = (reply.errors && reply.errors[question]) || reply.problem;
    say(question, error || form.dataset.saved, error);
    if (!reply.progress) {
      return;
    }
    document.getElementById("progress").textContent = reply.progress;
    var missing = reply.missing || [];
    document.querySelectorAll("#missing li").forEach(function (item) {
      item.hidden = missing.indexOf(item.dataset.question) < 0;
    });
    document.getElementById("missing-box").hidden = missing.length === 0;
    var files = reply.attachments && reply.attachments[question];
    var list = document.getElementById("files-" + question);
    if (files && list) {
      list.textContent = "";
      files.forEach(function (name) {
        var item = document.createElement("li");
        item.textContent = name;
        list.appendChild(item);
      });
    }
  }

  function send(question, field, value) {
    var body = new FormData();
    body.append("csrf", csrf);
    body.append(field, value);
    say(question, form.dataset.saving);
    fetch(form.dataset.autosave, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (reply) { show(question, reply); })
      .catch(function () { say(question, form.dataset.saving, true); });
  }

  function answerField(input) {
    return /^(choice|text|file)\./.test(input.name || "");
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (!answerField(input)) {
      return;
    }
    var question = questionOf(input.name);
    if (input.type === "file") {
      if (input.files.length) {
        send(question, input.name, input.files[0]);
        input.value = "";  // sent: the form's own buttons must not send it again
      }
      return;
    }
    clearTimeout(timers[question]);
    send(question, input.name, input.value);
  });

  form.addEventListener("input", function (event) {
    var input = event.target;
    if (input.tagName !== "TEXTAREA" || !answerField(input)) {
      return;
    }
    var question = questionOf(input.name);
    clearTimeout(timers[question]);
    timers[question] = setTimeout(function () {
      send(question, input.name, input.value);
    }, 800);
  });
})();
