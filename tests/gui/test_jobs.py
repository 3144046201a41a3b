"""The one background job runner: steps on the GUI thread, cancel between steps, errors said."""

from __future__ import annotations

import threading

from coopdesk.domain.errors import InvalidInput
from coopdesk.gui import jobs
from coopdesk.gui.jobs import Job, JobCancelled, error_sentence
from coopdesk.i18n import _


def _run(qtbot, job: Job) -> Job:
    job.start()
    qtbot.waitUntil(lambda: not job.isRunning() and job not in jobs.running_jobs(),
                    timeout=10_000)
    jobs.wait_for(job)
    return job


def test_a_job_runs_off_the_gui_thread_and_reports_its_steps_there(qtbot):
    seen = []

    def count(step):
        for name in ("one", "two"):
            step(name)
        return 42

    job = Job(count, name="count")
    job.on_step(lambda name: seen.append((name, threading.current_thread())))
    done = []
    job.on_done(lambda: done.append(job.result))
    _run(qtbot, job)
    assert job.ran_in != threading.get_ident()
    assert seen == [("one", threading.main_thread()), ("two", threading.main_thread())]
    assert done == [42] and job.error is None


def test_a_cancelled_job_stops_at_its_next_step(qtbot, caplog):
    gate = threading.Event()
    went = []

    def slow(step):
        step("first")
        went.append("first")
        gate.wait(5)
        step("second")  # cancelled meanwhile: raises here
        went.append("second")

    job = Job(slow, name="slow")
    job.on_step(lambda name: (job.cancel(), gate.set()))
    with caplog.at_level("ERROR", logger="coopdesk.gui.jobs"):
        _run(qtbot, job)
    assert went == ["first"]
    assert job.cancelled and isinstance(job.error, JobCancelled)
    assert caplog.records == []  # a stop she asked for is no error


def test_a_failure_is_logged_with_its_traceback_and_has_a_sentence(qtbot, caplog):
    def broken(_step):
        raise ZeroDivisionError("division by zero")

    with caplog.at_level("ERROR", logger="coopdesk.gui.jobs"):
        job = _run(qtbot, Job(broken, name="broken"))
    assert [r.exc_info[0] for r in caplog.records] == [ZeroDivisionError]
    assert error_sentence(job.error) == _(
        "The work could not be finished ({kind}). Nothing was changed; the details are in "
        "the program's log.").format(kind="ZeroDivisionError")


def test_a_refusal_is_said_in_its_own_words_and_not_logged_as_an_error(qtbot, caplog):
    def refuse(_step):
        raise InvalidInput("There is no member with the code “S99”.")

    with caplog.at_level("ERROR", logger="coopdesk.gui.jobs"):
        job = _run(qtbot, Job(refuse, name="refuse"))
    assert caplog.records == []
    assert error_sentence(job.error) == "There is no member with the code “S99”."


def test_an_os_error_names_its_reason(qtbot):
    def full(_step):
        raise OSError(28, "No space left on device")

    job = _run(qtbot, Job(full, name="full"))
    sentence = error_sentence(job.error)
    assert sentence.startswith(_("The work could not be finished ({reason}). Nothing was "
                                 "changed.").split("(")[0])
    assert "OSError" not in sentence
