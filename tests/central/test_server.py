import psycopg


def test_the_throwaway_server_is_a_real_postgresql(central_url):
    with psycopg.connect(central_url) as conn:
        assert conn.execute("SHOW server_version").fetchone()[0].startswith("15")
