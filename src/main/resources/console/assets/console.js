// ce-bridge console: the only script, loaded from the jar. Asks before the actions that change what a flow does.
document.addEventListener('submit', function (event) {
  var button = event.submitter;
  if (!button) {
    return;
  }
  var questions = {
    'pause': 'Pause this flow on this instance? Nothing is read or delivered until you resume it.',
    'resolve': 'Mark this dead letter as handled? Its record is not sent again.'
  };
  var question = questions[button.className] || questions[button.id];
  if (question && document.body.dataset.noConfirm === undefined && !window.confirm(question)) {
    event.preventDefault();
  }
});
