import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from coopdesk.formats import money
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import DecimalEdit, MoneyEdit
from coopdesk.gui.widgets.month_filter import MonthFilter
from coopdesk.gui.widgets.search_box import SearchBox
from coopdesk.i18n import _


@pytest.mark.parametrize(
    "typed, expected",
    [("8.50", Decimal("8.50")), ("1234.5", Decimal("1234.50")), ("12", Decimal("12.00"))],
)
def test_money_edit_reads_decimals(qtbot, typed, expected):
    edit = MoneyEdit(_("the amount"))
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    assert edit.value() == expected
    assert isinstance(edit.value(), Decimal)
    assert edit.error() == ""


@pytest.mark.parametrize("typed", ["S/ 12", "1.234,50", "-5", "abc", "0", "1.234"])
def test_money_edit_refuses_with_a_sentence(qtbot, typed):
    edit = MoneyEdit(_("the amount"))
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    assert edit.value() is None
    assert edit.error().endswith(".")
    assert len(edit.error()) > 20


def test_money_edit_empty(qtbot):
    edit = MoneyEdit(_("the amount"))
    qtbot.addWidget(edit)
    assert edit.value() is None
    assert edit.error() == _("Write {what}; it is empty.").format(what=_("the amount"))


def test_unit_price_allows_four_decimals_and_zero(qtbot):
    edit = DecimalEdit(_("the unit price"), "unit_price")
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "0.1234")
    assert edit.value() == Decimal("0.1234")
    edit.setText("0")
    assert edit.value() == Decimal("0.0000")


def test_date_edit_shows_peruvian_dates(qtbot):
    edit = DateEdit(dt.date(2022, 10, 3))
    qtbot.addWidget(edit)
    assert edit.text() == "03/10/2022"
    edit.setDate(QDate(2022, 2, 28))
    assert edit.day() == dt.date(2022, 2, 28)


def test_money_format_is_peruvian():
    assert money(Decimal("1234.5")) == "S/\xa01,234.50"


def test_month_filter_offers_every_month_of_the_span(qtbot):
    months = []
    widget = MonthFilter()
    qtbot.addWidget(widget)
    widget.monthChanged.connect(months.append)
    widget.set_span((dt.date(2022, 1, 4), dt.date(2022, 12, 31)), today=dt.date(2023, 2, 10))
    assert widget.count() == 1 + 14  # all months + Jan 2022 … Feb 2023
    assert widget.month() is None
    widget.set_month((2022, 10))
    assert widget.month() == (2022, 10)
    assert months[-1] == (2022, 10)


def test_search_box_waits_for_a_pause(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.searchChanged, timeout=2000) as blocker:
        qtbot.keyClicks(box, "Rosa")
    assert blocker.args == ["Rosa"]
    with qtbot.waitSignal(box.searchChanged, timeout=200) as blocker:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert blocker.args == ["Rosa"]


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_sentence_follows_the_language(qtbot, language):
    from coopdesk.i18n import current_language, set_language

    before = current_language()
    set_language(language)
    try:
        edit = MoneyEdit(_("the amount"))
        qtbot.addWidget(edit)
        qtbot.keyClicks(edit, "abc")
        hint = _("write only the number, without letters or the S/ sign, e.g. 8.50")
        expected = _("{what} “{text}” is not a number: {hint}.").format(
            what=_("the amount").capitalize(), text="abc", hint=hint
        )
        assert edit.error() == expected
        if language == "es":
            assert "número" in edit.error()
    finally:
        set_language(before)


def test_qt_dialogs_speak_spanish(qapp):
    from PySide6.QtCore import QCoreApplication

    from coopdesk.gui.app import install_qt_translation
    from coopdesk.i18n import current_language, set_language

    before = current_language()
    set_language("es")
    translator = install_qt_translation(qapp)
    try:
        assert translator is not None
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"
    finally:
        qapp.removeTranslator(translator)
        set_language(before)


def test_month_titles_are_babels_month_patterns():
    """month_title builds from Babel's month names what format_date writes, both languages."""
    import datetime as dt

    from babel.dates import format_date

    from coopdesk.formats import month_title
    from coopdesk.i18n import current_language, set_language

    before = current_language()
    try:
        for language, locale, pattern in (("es", "es_PE", "MMMM 'de' y"),
                                          ("en", "en_US", "MMMM y")):
            set_language(language)
            for month in range(1, 13):
                expected = format_date(dt.date(2031, month, 1), pattern, locale=locale)
                assert month_title(2031, month) == expected
    finally:
        set_language(before)
    assert expected == "December 2031"


@pytest.mark.parametrize(("typed", "day"), [
    ("07122026", dt.date(2026, 12, 7)),
    ("7/12/2026", dt.date(2026, 12, 7)),
    ("7-12-26", dt.date(2026, 12, 7)),
    ("07.12.2026", dt.date(2026, 12, 7)),
    ("071226", dt.date(2026, 12, 7)),
    (" 29/02/2024 ", dt.date(2024, 2, 29)),
])
def test_a_date_is_typed_in_one_field(qtbot, typed, day):
    edit = DateEdit(dt.date(2022, 1, 1))
    qtbot.addWidget(edit)
    edit.selectAll()
    qtbot.keyClicks(edit, typed)
    assert edit.day() == day and edit.error() == ""
    edit.editingFinished.emit()
    assert edit.text() == day.strftime("%d/%m/%Y")


@pytest.mark.parametrize(("typed", "sentence"), [
    ("", "Escriba la fecha como dd/mm/aaaa, por ejemplo 07/12/2026."),
    ("12/2026", "“12/2026” no es una fecha: escríbala como dd/mm/aaaa, por ejemplo 07/12/2026."),
    ("29/02/2023", "29/02/2023 no existe en el calendario: revise el día y el mes."),
    ("01/01/1999", "La fecha 01/01/1999 está fuera de los años que maneja coopdesk (2000 a 2099)."),
])
def test_a_date_that_is_not_one_is_explained(qtbot, typed, sentence):
    edit = DateEdit(dt.date(2022, 1, 1))
    qtbot.addWidget(edit)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, typed)
    assert edit.day() is None
    assert edit.error() == sentence


def test_alt_down_opens_the_calendar_and_enter_picks(qtbot):
    edit = DateEdit(dt.date(2022, 10, 3))
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert edit.calendar.isVisible()
    qtbot.keyClick(edit.calendar.focusWidget() or edit.calendar, Qt.Key.Key_Right)
    qtbot.keyClick(edit.calendar.focusWidget() or edit.calendar, Qt.Key.Key_Return)
    assert not edit.calendar.isVisible()
    assert edit.day() == dt.date(2022, 10, 4)


@pytest.mark.parametrize(("typed", "value"), [
    ("13,40", Decimal("13.40")), ("13.40", Decimal("13.40")), ("0,5", Decimal("0.50")),
    ("1234,5", Decimal("1234.50")),
])
def test_a_decimal_comma_is_read_when_it_is_unambiguous(qtbot, typed, value):
    edit = MoneyEdit("el monto")
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    assert edit.value() == value and edit.error() == ""


@pytest.mark.parametrize(("typed", "sentence"), [
    ("1,234", "El monto “1,234” se puede leer de dos maneras: escriba 1234 sin la coma, o 1.234"
     " con punto para los decimales."),
    ("1,234.5", "El monto “1,234.5” tiene una coma y un punto: escríbalo sin separador de miles y"
     " con una sola marca decimal, por ejemplo 1234.50 o 1234,50."),
    ("1.234,50", "El monto “1.234,50” tiene una coma y un punto: escríbalo sin separador de miles"
     " y con una sola marca decimal, por ejemplo 1234.50 o 1234,50."),
    ("1,234,567", "El monto “1,234,567” tiene más de una coma: escríbalo sin separador de miles,"
     " por ejemplo 1234.50 o 1234,50."),
    ("13,456", "El monto “13,456” se puede leer de dos maneras: escriba 13456 sin la coma, o"
     " 13.456 con punto para los decimales."),
    ("13,4", None),
    ("2,345", "El monto “2,345” se puede leer de dos maneras: escriba 2345 sin la coma, o 2.345"
     " con punto para los decimales."),
    ("13,4567", "El monto “13,4567” tiene más de 2 decimales."),
])
def test_an_ambiguous_amount_is_refused_with_a_sentence(qtbot, typed, sentence):
    edit = MoneyEdit("el monto")
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    if sentence is None:
        assert edit.value() == Decimal("13.40")
        return
    assert edit.value() is None
    assert edit.error() == sentence
