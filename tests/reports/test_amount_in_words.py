"""Amounts in words, checked against a table written by hand from the Real Academia's rules.

The rules (DPD, «uno»; «veintiuno»; «millón»): «uno» and the compounds ending in it
take the short form «un» / «veintiún» right before «mil» and «millón/millones»
(«veintiún mil», «ciento un mil», «treinta y un millones»); «cien» is exact hundred and
«ciento» before more; «mil» takes no «un» in front. The number read alone before
«CON xx/100 SOLES» keeps its full form («UNO», «VEINTIUNO»), as Peruvian receipts write it.
None of the expected words below comes from num2words.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from coopdesk.formats import amount_in_words

TABLE = [
    ("0.99", "CERO CON 99/100"),
    ("1.00", "UNO CON 00/100"),
    ("1.05", "UNO CON 05/100"),
    ("16.00", "DIECISÉIS CON 00/100"),
    ("21.00", "VEINTIUNO CON 00/100"),
    ("22.00", "VEINTIDÓS CON 00/100"),
    ("31.00", "TREINTA Y UNO CON 00/100"),
    ("34.50", "TREINTA Y CUATRO CON 50/100"),
    ("100.00", "CIEN CON 00/100"),
    ("101.00", "CIENTO UNO CON 00/100"),
    ("121.00", "CIENTO VEINTIUNO CON 00/100"),
    ("500.00", "QUINIENTOS CON 00/100"),
    ("700.00", "SETECIENTOS CON 00/100"),
    ("900.00", "NOVECIENTOS CON 00/100"),
    ("1000.00", "MIL CON 00/100"),
    ("1000.05", "MIL CON 05/100"),
    ("1001.00", "MIL UNO CON 00/100"),
    ("1100.00", "MIL CIEN CON 00/100"),
    ("1121.00", "MIL CIENTO VEINTIUNO CON 00/100"),
    ("2000.00", "DOS MIL CON 00/100"),
    ("21000.00", "VEINTIÚN MIL CON 00/100"),
    ("21001.00", "VEINTIÚN MIL UNO CON 00/100"),
    ("21021.00", "VEINTIÚN MIL VEINTIUNO CON 00/100"),
    ("31000.00", "TREINTA Y UN MIL CON 00/100"),
    ("41500.00", "CUARENTA Y UN MIL QUINIENTOS CON 00/100"),
    ("71000.00", "SETENTA Y UN MIL CON 00/100"),
    ("91091.00", "NOVENTA Y UN MIL NOVENTA Y UNO CON 00/100"),
    ("100000.00", "CIEN MIL CON 00/100"),
    ("101000.00", "CIENTO UN MIL CON 00/100"),
    ("121000.00", "CIENTO VEINTIÚN MIL CON 00/100"),
    ("200000.00", "DOSCIENTOS MIL CON 00/100"),
    ("201000.00", "DOSCIENTOS UN MIL CON 00/100"),
    ("221000.00", "DOSCIENTOS VEINTIÚN MIL CON 00/100"),
    ("501000.00", "QUINIENTOS UN MIL CON 00/100"),
    ("999999.99", "NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE CON 99/100"),
    ("1000000.00", "UN MILLÓN CON 00/100"),
    ("1000001.00", "UN MILLÓN UNO CON 00/100"),
    ("1001000.00", "UN MILLÓN MIL CON 00/100"),
    ("1021000.00", "UN MILLÓN VEINTIÚN MIL CON 00/100"),
    ("1500000.00", "UN MILLÓN QUINIENTOS MIL CON 00/100"),
    ("2000000.00", "DOS MILLONES CON 00/100"),
    ("2001000.00", "DOS MILLONES MIL CON 00/100"),
    ("2031000.00", "DOS MILLONES TREINTA Y UN MIL CON 00/100"),
    ("10000000.00", "DIEZ MILLONES CON 00/100"),
    ("21000000.00", "VEINTIÚN MILLONES CON 00/100"),
    ("21021021.00", "VEINTIÚN MILLONES VEINTIÚN MIL VEINTIUNO CON 00/100"),
    ("31000000.00", "TREINTA Y UN MILLONES CON 00/100"),
    ("101000000.00", "CIENTO UN MILLONES CON 00/100"),
    ("101101101.00", "CIENTO UN MILLONES CIENTO UN MIL CIENTO UNO CON 00/100"),
]


@pytest.mark.parametrize(("amount", "words"), TABLE)
def test_spanish_amounts_in_words(amount, words):
    assert amount_in_words(D(amount)) == f"SON: {words} SOLES"


def test_the_table_is_large_enough():
    assert len(TABLE) >= 40


def test_english_paper_writes_english_words():
    from coopdesk.i18n import current_language, set_language

    before = current_language()
    set_language("en")
    try:
        assert amount_in_words(D("21000.05")) == "SAY: TWENTY-ONE THOUSAND AND 05/100 SOLES"
    finally:
        set_language(before)
