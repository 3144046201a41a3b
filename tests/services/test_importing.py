"""Import: every rule of the contract, all or nothing, one sentence per bad line."""

import json

import pytest

from coopdesk.domain.errors import ImportRejected
from coopdesk.services.importing import import_file
from coopdesk.services.summary import month_summary

MEMBERS = (
    "codigo,nombre,dni,fecha_ingreso,estado,fecha_salida,cargo\n"
    "S01,Ana Quispe,12345678,2022-01-03,activa,,presidenta\n"
    "S02,Berta Ccori,,03/01/2022,liberada,15/10/2022,\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(book, kind, path):
    with pytest.raises(ImportRejected) as err:
        import_file(book, kind, path)
    return err.value.problems


def summary(book):
    return json.dumps(month_summary(book, 2022, 10).as_json_dict(), sort_keys=True)


def with_members(book, tmp_path):
    assert import_file(book, "members", write(tmp_path, "m.csv", MEMBERS)) == 2


def test_members_and_workdays_import(book, tmp_path):
    with_members(book, tmp_path)
    wd = write(
        tmp_path,
        "w.csv",
        "codigo_socia,fecha,linea,fraccion,nota\n"
        "S01,2022-10-03,chocolate,1,\nS01,04/10/2022,textil,0.5,medio día\n"
        "s02,2022-10-03,carpintería,1,\n",
    )
    assert import_file(book, "workdays", wd) == 3
    s = month_summary(book, 2022, 10)
    assert s.workdays == 2.5 and str(s.earned) == "25.00"


@pytest.mark.parametrize(
    "row, fragment",
    [
        ("S09,2022-10-03,chocolate,1,", "S09"),  # unknown member
        ("S01,2021-12-31,chocolate,1,", "2022"),  # before she joined
        ("S02,2022-10-16,chocolate,1,", "15/10/2022"),  # after she left
        ("S01,2022-10-03,cocina,1,", "cocina"),  # unknown line
        ("S01,2022-10-03,chocolate,0.75,", "0.75"),  # bad fraction
        ("S01,31/02/2022,chocolate,1,", "31/02/2022"),  # impossible date
    ],
)
def test_workday_rules(book, tmp_path, row, fragment):
    with_members(book, tmp_path)
    path = write(tmp_path, "w.csv", "codigo_socia,fecha,linea,fraccion,nota\n" + row + "\n")
    problems = problems_of(book, "workdays", path)
    assert [line for line, _ in problems] == [2]
    assert fragment in problems[0][1]


def test_duplicate_workday_in_file_and_in_book(book, tmp_path):
    with_members(book, tmp_path)
    import_file(
        book,
        "workdays",
        write(
            tmp_path,
            "a.csv",
            "codigo_socia,fecha,linea,fraccion,nota\nS01,2022-10-03,chocolate,1,\n",
        ),
    )
    path = write(
        tmp_path,
        "b.csv",
        "codigo_socia,fecha,linea,fraccion,nota\n"
        "S01,2022-10-03,chocolate,1,\nS01,2022-10-04,chocolate,1,\n"
        "S01,2022-10-04,chocolate,0.5,\n",
    )
    assert [line for line, _ in problems_of(book, "workdays", path)] == [2, 4]


def test_bad_rows_write_nothing_and_name_every_line(book, tmp_path):
    with_members(book, tmp_path)
    before = summary(book)
    path = write(
        tmp_path,
        "s.csv",
        "fecha,comprador,producto,cantidad,precio_unitario,pagado,comprobante\n"
        "2022-10-04,Thika Thani,Chuncho,10,8.50,si,\n"
        "2022-10-05,Thika Thani,Chuncho,-1,8.50,si,\n"
        "2022-10-05,Thika Thani,Chuncho,1,S/ 8.50,si,\n"
        "2022-10-05,Thika Thani,Chuncho,1,8.50,tal vez,\n"
        "2022-10-05,,Chuncho,1,8.50,si,\n"
        "2022-10-05,Bodega,Chuncho,1,8.50,no,B-1\n"
        "2022-10-06,Bodega,Chuncho,1,8.50,no,B-1\n",
    )
    assert [line for line, _ in problems_of(book, "sales", path)] == [3, 4, 5, 6, 8]
    assert summary(book) == before


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "cp1252"])
@pytest.mark.parametrize("sep", [",", ";"])
def test_encodings_and_delimiters(book, tmp_path, encoding, sep):
    text = MEMBERS.replace(",", sep).replace("Ana Quispe", "Ána Ñahui")
    import_file(book, "members", write(tmp_path, "m.csv", text, encoding))
    from coopdesk.services.members import list_members

    assert [m.full_name for m in list_members(book)] == ["Ána Ñahui", "Berta Ccori"]


def test_cp1252_only_characters(book, tmp_path):
    # “smart quotes” and – exist in cp1252 but not in Latin-1: Excel writes them.
    text = "fecha,categoria,monto,nota\n2022-10-05,Transporte,12.50,“envío” – Lima\n"
    import_file(book, "expenses", write(tmp_path, "e.csv", text, "cp1252"))
    from coopdesk.services.exporting import export_rows

    assert export_rows(book, "expenses")[1][0][3] == "“envío” – Lima"


def test_headers_in_any_order_but_no_unknown_or_missing(book, tmp_path):
    ok = write(tmp_path, "e.csv", "monto,nota,categoria,fecha\n41.00,,Aporte,2022-10-28\n")
    assert import_file(book, "expenses", ok) == 1
    unknown = write(tmp_path, "u.csv", "fecha,categoria,monto,nota,extra\n2022-10-28,A,1,,x\n")
    assert problems_of(book, "expenses", unknown)[0][0] == 1
    missing = write(tmp_path, "m.csv", "fecha,categoria,monto\n2022-10-28,A,1\n")
    problem = problems_of(book, "expenses", missing)
    assert problem[0][0] == 1 and "nota" in problem[0][1]


@pytest.mark.parametrize("content", ["", "\n\n", "   "])
def test_empty_file(book, tmp_path, content):
    problems = problems_of(book, "members", write(tmp_path, "m.csv", content))
    assert problems[0][0] == 1


def test_rates_purchases_payments_attendance(book, tmp_path):
    with_members(book, tmp_path)
    import_file(book, "rates", write(tmp_path, "r.csv", "desde,monto\n2022-10-10,12.00\n"))
    import_file(
        book,
        "workdays",
        write(
            tmp_path,
            "w.csv",
            "codigo_socia,fecha,linea,fraccion,nota\n"
            "S01,2022-10-07,chocolate,1,\nS01,2022-10-10,chocolate,0.5,\n",
        ),
    )
    import_file(
        book,
        "purchases",
        write(
            tmp_path,
            "p.csv",
            "fecha,proveedor,insumo,cantidad,unidad,precio_unitario,comprobante\n"
            "2022-10-03,Cacao SAC,Cacao,2.5,kg,12.345,F-1\n"
            "2022-10-03,cacao sac,Azúcar,1,kg,4.2,\n",
        ),
    )
    dup = write(
        tmp_path,
        "p2.csv",
        "fecha,proveedor,insumo,cantidad,unidad,precio_unitario,comprobante\n"
        "2022-10-04,CACAO SAC,Cacao,1,kg,1,F-1\n2022-10-04,Otro,Cacao,1,kg,1,F-1\n",
    )
    assert [line for line, _ in problems_of(book, "purchases", dup)] == [2]
    import_file(
        book,
        "payments",
        write(
            tmp_path,
            "pay.csv",
            "codigo_socia,fecha,monto,nota\nS02,2022-10-20,30.00,liquidación a su madre\n",
        ),
    )
    import_file(
        book,
        "attendance",
        write(
            tmp_path,
            "a.csv",
            "taller,fecha,codigo_socia,asistio\n1,2022-10-07,S01,sí\n1,2022-10-07,S02,NO\n",
        ),
    )
    bad = write(
        tmp_path,
        "a2.csv",
        "taller,fecha,codigo_socia,asistio\n10,2022-10-07,S01,si\n"
        "2,2022-10-16,S02,si\n1,2022-10-07,S01,si\n",
    )
    assert [line for line, _ in problems_of(book, "attendance", bad)] == [2, 3, 4]
    s = month_summary(book, 2022, 10).as_json_dict()
    assert s["labor"] == {"workdays": "1.50", "earned": "16.00", "paid": "30.00"}
    assert s["purchases"]["total"] == "35.06"  # 30.8625 -> 30.86, + 4.20
    assert s["attendance"]["1"] == 1
    assert s["members"][1]["closing_balance"] == "-30.00"


def test_rate_already_in_book(book, tmp_path):
    import_file(book, "rates", write(tmp_path, "r.csv", "desde,monto\n2000-01-01,10.00\n"))
    bad = write(tmp_path, "r2.csv", "desde,monto\n2000-01-01,11.00\n2022-01-01,5\n2022-01-01,6\n")
    assert [line for line, _ in problems_of(book, "rates", bad)] == [2, 4]
