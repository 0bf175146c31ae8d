#!/usr/bin/python3
"""pgodbc from Python's pyodbc, used the way its users use it.

Runs against the harness server (tests/harness): PGO_HARNESS_ENV names the
harness's env file (KEY='value' lines); ODBCSYSINI from it points unixODBC at
the private odbcinst.ini/odbc.ini where the driver is [pgodbc] and the DSN
[pgo_test] (role pgo_scram) exists. Tables are made by pgo_trust, which owns
the database (PostgreSQL 15 gives no one else CREATE in public), and are named
clients_py_* so the other client suites can run at the same time.

Run with Debian's interpreter (/usr/bin/python3, package python3-pyodbc):
    PGO_HARNESS_ENV=<build>/pg-harness/env /usr/bin/python3 pyodbc_test.py -v

pyodbc's documented behaviour this relies on: autocommit is off unless
connect(autocommit=True) is given; database errors are mapped by SQLSTATE
class (23xxx -> IntegrityError, 42xxx -> ProgrammingError, others per its
table) and carry the SQLSTATE as args[0] and in the message.
"""

import ctypes
import datetime
import decimal
import os
import re
import sys
import unittest

import pyodbc


def read_harness_env():
    path = os.environ.get("PGO_HARNESS_ENV")
    if not path:
        sys.exit("PGO_HARNESS_ENV is not set: point it at <build>/pg-harness/env")
    values = {}
    with open(path, encoding="utf-8") as env_file:
        for line in env_file:
            match = re.match(r"^([A-Z_][A-Z0-9_]*)='(.*)'$", line.rstrip("\n"))
            if match:
                values[match.group(1)] = match.group(2)
    for key in ("ODBCSYSINI", "PGO_HOST", "PGO_PORT", "PGO_PASSWORD", "PGO_DATABASE",
                "PGO_DRIVER"):
        if key not in values:
            sys.exit(f"{path} has no {key}")
    return values


ENV = read_harness_env()
# unixODBC reads ODBCSYSINI when a connection is made, so setting it here
# (after importing pyodbc) is enough.
os.environ["ODBCSYSINI"] = ENV["ODBCSYSINI"]


def driver_exports(symbol):
    """Whether the driver library (PGO_DRIVER) exports an ODBC function."""
    return hasattr(ctypes.CDLL(ENV["PGO_DRIVER"]), symbol)


def known_failure_while_missing(symbol, reason):
    """Marks a test as an expected failure while the driver does not export
    `symbol` (the cause named in `reason`); once it does, the test counts
    like any other, and an unexpected success before then fails the run."""
    def decorate(test):
        if driver_exports(symbol):
            return test
        test.__doc__ = f"expected failure: {reason}"
        return unittest.expectedFailure(test)
    return decorate


def connection_string(user, with_password=True):
    text = (
        "DRIVER={pgodbc};"
        f"Server={ENV['PGO_HOST']};Port={ENV['PGO_PORT']};"
        f"Database={ENV['PGO_DATABASE']};UID={user};"
    )
    if with_password:
        text += f"PWD={ENV['PGO_PASSWORD']};"
    return text


def owner_connect(**kwargs):
    """A DSN-less connection as the database's owner, pyodbc's defaults."""
    return pyodbc.connect(connection_string("pgo_trust"), **kwargs)


def count_rows(connection, table):
    return connection.cursor().execute(f"SELECT count(*) FROM {table}").fetchval()


class Connect(unittest.TestCase):
    def test_dsn_connection_opens_with_autocommit_off_as_the_dsn_user(self):
        connection = pyodbc.connect("DSN=pgo_test")
        try:
            self.assertFalse(connection.autocommit)
            row = connection.cursor().execute(
                "SELECT current_user, current_database()").fetchone()
            self.assertEqual(tuple(row), ("pgo_scram", ENV["PGO_DATABASE"]))
        finally:
            connection.close()

    def test_dsn_less_connection_string_with_password_opens(self):
        connection = pyodbc.connect(connection_string("pgo_scram"))
        try:
            self.assertFalse(connection.autocommit)
            row = connection.cursor().execute(
                "SELECT current_user, current_database()").fetchone()
            self.assertEqual(tuple(row), ("pgo_scram", ENV["PGO_DATABASE"]))
        finally:
            connection.close()

    def test_autocommit_true_at_connect_is_honoured(self):
        connection = pyodbc.connect(connection_string("pgo_scram"), autocommit=True)
        try:
            self.assertTrue(connection.autocommit)
            # Outside a transaction block, transaction_timestamp() moves
            # with every statement.
            cursor = connection.cursor()
            first = cursor.execute("SELECT transaction_timestamp()").fetchval()
            second = cursor.execute("SELECT transaction_timestamp()").fetchval()
            self.assertLess(first, second)
        finally:
            connection.close()


class TableTestCase(unittest.TestCase):
    """Creates self.table (columns from COLUMNS) before each test, drops it after."""

    COLUMNS = "id int PRIMARY KEY, v int"

    def setUp(self):
        self.table = "clients_py_" + self._testMethodName.replace("test_", "")[:40]
        self.connection = owner_connect()
        cursor = self.connection.cursor()
        cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
        cursor.execute(f"CREATE TABLE {self.table} ({self.COLUMNS})")
        self.connection.commit()

    def tearDown(self):
        try:
            self.connection.rollback()
            self.connection.close()
        finally:
            cleanup = owner_connect(autocommit=True)
            cleanup.cursor().execute(f"DROP TABLE IF EXISTS {self.table}")
            cleanup.close()


class TypedValues(TableTestCase):
    COLUMNS = ("id int PRIMARY KEY, name text, ratio float8, amount numeric(14,4), "
               "day date, moment timestamp, payload bytea, flag boolean, missing text")

    ROW = (
        7,
        "Grüße, Ωμέγα — 漢字 ü",
        3.25,
        decimal.Decimal("12345.6789"),
        datetime.date(2024, 2, 29),
        datetime.datetime(2024, 2, 29, 13, 45, 30),
        b"\x00\x01\xfe\xffabc",
        True,
        None,
    )

    def insert_row(self, cursor, row):
        cursor.execute(
            f"INSERT INTO {self.table} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", *row)

    def test_every_python_type_round_trips_through_a_parameterised_insert(self):
        cursor = self.connection.cursor()
        self.insert_row(cursor, self.ROW)
        self.assertEqual(cursor.rowcount, 1)
        self.insert_row(cursor, (8, "other", -1.5, decimal.Decimal("-0.0001"),
                                 datetime.date(1999, 12, 31),
                                 datetime.datetime(1999, 12, 31, 23, 59, 59),
                                 b"", False, "present"))
        self.connection.commit()

        row = cursor.execute(f"SELECT * FROM {self.table} WHERE id = ?", 7).fetchone()
        self.assertIsNotNone(row, "the row inserted with id 7 is not found by WHERE id = ?")
        self.assertIsNone(cursor.fetchone(), "WHERE id = ? matched more than one row")
        expected_types = (int, str, float, decimal.Decimal, datetime.date,
                          datetime.datetime, bytes, bool, type(None))
        for column, (got, want, want_type) in enumerate(zip(row, self.ROW, expected_types)):
            with self.subTest(column=cursor.description[column][0]):
                self.assertIs(type(got), want_type, f"value {got!r}")
                self.assertEqual(got, want)

        other = cursor.execute(
            f"SELECT name, amount, payload, flag, missing FROM {self.table} WHERE name = ?",
            "other").fetchall()
        self.assertEqual(len(other), 1)
        self.assertEqual(tuple(other[0]),
                         ("other", decimal.Decimal("-0.0001"), b"", False, "present"))

    @known_failure_while_missing(
        "SQLGetTypeInfo",
        "issue 7: pyodbc sizes datetime parameters from SQLGetTypeInfo(SQL_TYPE_TIMESTAMP); "
        "without it (IM001) it binds ColumnSize 19, DecimalDigits 0 and the driver drops "
        "the fraction")
    def test_datetime_with_microseconds_round_trips(self):
        moment = datetime.datetime(2024, 2, 29, 13, 45, 30, 123456)
        cursor = self.connection.cursor()
        cursor.execute(f"INSERT INTO {self.table} (id, moment) VALUES (?, ?)", 1, moment)
        self.assertEqual(
            cursor.execute(f"SELECT moment FROM {self.table} WHERE id = ?", 1).fetchval(), moment)

    def test_non_ascii_text_parameter_finds_its_row(self):
        cursor = self.connection.cursor()
        self.insert_row(cursor, self.ROW)
        self.connection.commit()
        found = cursor.execute(
            f"SELECT id, length(name) FROM {self.table} WHERE name = ?", self.ROW[1]).fetchall()
        self.assertEqual([tuple(r) for r in found], [(7, len(self.ROW[1]))])

    def test_description_names_and_python_types(self):
        cursor = self.connection.cursor()
        cursor.execute(f"SELECT * FROM {self.table}")
        names = [d[0] for d in cursor.description]
        self.assertEqual(names, ["id", "name", "ratio", "amount", "day", "moment",
                                 "payload", "flag", "missing"])
        types = [d[1] for d in cursor.description]
        self.assertEqual(types, [int, str, float, decimal.Decimal, datetime.date,
                                 datetime.datetime, bytearray, bool, str])
        amount = cursor.description[3]
        self.assertEqual((amount[4], amount[5]), (14, 4), "numeric(14,4) precision, scale")
        self.assertEqual(cursor.fetchall(), [])


class Rowcount(TableTestCase):
    def test_rowcount_after_update_delete_and_insert(self):
        cursor = self.connection.cursor()
        for i in range(1, 6):
            cursor.execute(f"INSERT INTO {self.table} VALUES (?, ?)", i, i * 10)
            self.assertEqual(cursor.rowcount, 1)
        cursor.execute(f"UPDATE {self.table} SET v = v + 1 WHERE id <= ?", 3)
        self.assertEqual(cursor.rowcount, 3)
        cursor.execute(f"UPDATE {self.table} SET v = 0 WHERE id > ?", 100)
        self.assertEqual(cursor.rowcount, 0)
        cursor.execute(f"DELETE FROM {self.table} WHERE v > ?", 40)
        self.assertEqual(cursor.rowcount, 1)
        self.connection.commit()
        self.assertEqual(
            cursor.execute(f"SELECT sum(v) FROM {self.table}").fetchval(), 11 + 21 + 31 + 40)


class Transactions(TableTestCase):
    def test_commit_is_visible_to_a_second_connection_and_rollback_is_not(self):
        observer = owner_connect(autocommit=True)
        try:
            cursor = self.connection.cursor()
            cursor.execute(f"INSERT INTO {self.table} VALUES (?, ?)", 1, 100)
            self.assertEqual(count_rows(observer, self.table), 0,
                             "an uncommitted insert is visible to another connection")
            self.connection.commit()
            self.assertEqual(count_rows(observer, self.table), 1, "a committed insert is not visible")

            cursor.execute(f"INSERT INTO {self.table} VALUES (?, ?)", 2, 200)
            cursor.execute(f"UPDATE {self.table} SET v = ? WHERE id = ?", 999, 1)
            self.assertEqual(count_rows(self.connection, self.table), 2)
            self.connection.rollback()
            self.assertEqual(count_rows(self.connection, self.table), 1)
            self.assertEqual(count_rows(observer, self.table), 1)
            self.assertEqual(
                observer.cursor().execute(f"SELECT v FROM {self.table} WHERE id = 1").fetchval(),
                100, "a rolled-back update is visible")
        finally:
            observer.close()

    def test_failed_statement_needs_rollback_before_the_next_one_works(self):
        cursor = self.connection.cursor()
        cursor.execute(f"INSERT INTO {self.table} VALUES (?, ?)", 1, 1)
        with self.assertRaises(pyodbc.ProgrammingError) as raised:
            cursor.execute("SELECT * FROM clients_py_no_such_table")
        self.assertEqual(raised.exception.args[0], "42P01")
        with self.assertRaises(pyodbc.Error) as aborted:
            cursor.execute("SELECT 1")
        self.assertEqual(aborted.exception.args[0], "25P02")
        self.assertIn("25P02", str(aborted.exception))
        self.connection.rollback()
        self.assertEqual(cursor.execute("SELECT ?", 5).fetchval(), 5)
        self.assertEqual(count_rows(self.connection, self.table), 0,
                         "the insert before the error survived the rollback")

    def test_autocommit_switched_on_later_makes_each_statement_visible(self):
        observer = owner_connect(autocommit=True)
        try:
            self.connection.autocommit = True
            self.connection.cursor().execute(f"INSERT INTO {self.table} VALUES (?, ?)", 1, 1)
            self.assertEqual(count_rows(observer, self.table), 1)
            self.connection.autocommit = False
            self.connection.cursor().execute(f"INSERT INTO {self.table} VALUES (?, ?)", 2, 2)
            self.assertEqual(count_rows(observer, self.table), 1)
            self.connection.commit()
            self.assertEqual(count_rows(observer, self.table), 2)
        finally:
            observer.close()


class Errors(TableTestCase):
    def test_unique_violation_raises_integrity_error_with_sqlstate_23505(self):
        cursor = self.connection.cursor()
        cursor.execute(f"INSERT INTO {self.table} VALUES (?, ?)", 1, 1)
        with self.assertRaises(pyodbc.IntegrityError) as raised:
            cursor.execute(f"INSERT INTO {self.table} VALUES (?, ?)", 1, 2)
        self.assertEqual(raised.exception.args[0], "23505")
        self.assertIn("23505", str(raised.exception))
        self.assertIn("duplicate key", str(raised.exception))
        self.connection.rollback()

    def test_error_message_with_non_ascii_text_is_intact(self):
        with self.assertRaises(pyodbc.DataError) as raised:
            self.connection.cursor().execute("SELECT CAST(? AS int)", "Grüße").fetchall()
        self.assertEqual(raised.exception.args[0], "22P02")
        message = raised.exception.args[1]
        self.assertIn('invalid input syntax for type integer: "Grüße"', message)
        self.assertNotIn("\x00", message)
        self.assertTrue(message.endswith("(SQLExecDirectW)"), message)
        self.connection.rollback()

    def test_syntax_error_raises_programming_error_with_sqlstate_42601(self):
        cursor = self.connection.cursor()
        with self.assertRaises(pyodbc.ProgrammingError) as raised:
            cursor.execute("SELEC 1")
        self.assertEqual(raised.exception.args[0], "42601")
        self.assertIn("42601", str(raised.exception))
        self.connection.rollback()

    def test_division_by_zero_raises_data_error_with_sqlstate_22012(self):
        with self.assertRaises(pyodbc.DataError) as raised:
            self.connection.cursor().execute("SELECT 1 / ?", 0).fetchall()
        self.assertEqual(raised.exception.args[0], "22012")
        self.connection.rollback()


class Executemany(TableTestCase):
    COLUMNS = "id int PRIMARY KEY, label text, ratio float8"

    def load_and_check(self, fast):
        cursor = self.connection.cursor()
        cursor.fast_executemany = fast
        rows = [(i, f"row {i} é", i / 4) for i in range(1, 1001)]
        cursor.executemany(f"INSERT INTO {self.table} VALUES (?, ?, ?)", rows)
        self.connection.commit()
        check = self.connection.cursor()
        self.assertEqual(count_rows(self.connection, self.table), 1000)
        totals = check.execute(
            f"SELECT sum(id), sum(ratio), count(DISTINCT label), "
            f"min(label) FILTER (WHERE id = 1000) FROM {self.table}").fetchone()
        self.assertEqual(tuple(totals), (500500, 500500 / 4, 1000, "row 1000 é"))

    def test_executemany_inserts_1000_rows(self):
        self.load_and_check(fast=False)

    def test_fast_executemany_inserts_1000_rows(self):
        self.load_and_check(fast=True)

    def test_fast_executemany_failing_row_raises_and_rolls_back(self):
        cursor = self.connection.cursor()
        cursor.fast_executemany = True
        rows = [(i, "x", 0.0) for i in range(1, 11)] + [(5, "duplicate", 0.0)]
        with self.assertRaises(pyodbc.IntegrityError) as raised:
            cursor.executemany(f"INSERT INTO {self.table} VALUES (?, ?, ?)", rows)
        self.assertEqual(raised.exception.args[0], "23505")
        self.connection.rollback()
        self.assertEqual(count_rows(self.connection, self.table), 0)


class LongValues(TableTestCase):
    COLUMNS = "id int PRIMARY KEY, body text, blob bytea"

    def test_long_text_and_bytes_round_trip(self):
        # pyodbc sends values longer than the driver's column size in pieces
        # (SQL_DATA_AT_EXEC, SQLPutData) and reads long results with
        # repeated SQLGetData calls.
        body = "".join(chr(0x41 + i % 26) if i % 7 else "é" for i in range(300_000))
        blob = bytes(range(256)) * 4096
        cursor = self.connection.cursor()
        cursor.execute(f"INSERT INTO {self.table} VALUES (?, ?, ?)", 1, body, blob)
        self.connection.commit()
        row = cursor.execute(
            f"SELECT body, blob, length(body), octet_length(blob) FROM {self.table} WHERE id = ?",
            1).fetchone()
        self.assertEqual((row[2], row[3]), (len(body), len(blob)), "lengths stored by the server")
        self.assertEqual(row[0], body)
        self.assertEqual(row[1], blob)


class ScalarParameters(unittest.TestCase):
    # autocommit=True so that one failing value does not abort the
    # transaction the others run in.
    CASES = [0, 1, -42, 2**31 - 1, -(2**31), 2**40, -(2**62),
             0.5, -1e300, 3.141592653589793,
             "", "plain", "Grüße Ωμέγα 漢字", "it's \"quoted\" ?"]

    def setUp(self):
        self.connection = owner_connect(autocommit=True)

    def tearDown(self):
        self.connection.close()

    def check_round_trip(self, cursor, value):
        got = cursor.execute("SELECT ?", value).fetchval()
        self.assertIs(type(got), type(value), f"value {got!r}")
        self.assertEqual(got, value)

    def test_select_parameter_returns_value_and_type_on_a_fresh_cursor(self):
        for value in self.CASES:
            with self.subTest(value=value):
                self.check_round_trip(self.connection.cursor(), value)

    def test_select_parameter_of_other_python_types_returns_value_and_type(self):
        cases = [decimal.Decimal("12345678901234567890.123456789"), decimal.Decimal("-0.0001"),
                 datetime.date(1970, 1, 1), datetime.datetime(2038, 1, 19, 3, 14, 8),
                 b"\x00\xffbytes", True, False]
        for value in cases:
            with self.subTest(value=value):
                self.check_round_trip(self.connection.cursor(), value)
        self.assertIsNone(self.connection.cursor().execute("SELECT ?", None).fetchval())

    def test_select_parameter_reexecuted_with_other_types_returns_each_value_and_type(self):
        # pyodbc prepares "SELECT ?" once per cursor and re-executes it with
        # each new value bound under that value's SQL type (SQLBindParameter
        # then SQLExecute, no new SQLPrepare).
        cursor = self.connection.cursor()
        for value in self.CASES:
            with self.subTest(value=value):
                self.check_round_trip(cursor, value)

    def test_parameters_in_arithmetic(self):
        # ODBC's grammar forbids both operands of one operator being markers
        # ("? + ?"): one side is typed here, as the reference requires.
        cursor = self.connection.cursor()
        self.assertEqual(cursor.execute("SELECT 40 + ?", 2).fetchval(), 42)
        self.assertEqual(cursor.execute("SELECT CAST(? AS int) * 2", "21").fetchval(), 42)
        self.assertEqual(cursor.execute("SELECT ? || 'b'", "a").fetchval(), "ab")
        self.assertEqual(cursor.execute("SELECT 1.5 * ?", 2.0).fetchval(), 3.0)


class NonBmpText(unittest.TestCase):
    """Text beyond the Basic Multilingual Plane (a surrogate pair in pyodbc's
    UTF-16) through pyodbc's W calls, checked by what the server stored."""

    MOON = "x \U0001F31C z"
    MOON_HEX = "7820f09f8c9c207a"
    TABLE = "clients_py_non_bmp"

    def connect(self, keywords=""):
        connection = pyodbc.connect(connection_string("pgo_trust") + keywords, autocommit=True)
        self.addCleanup(connection.close)
        return connection

    def test_statement_text_reaches_the_server_exactly(self):
        cursor = self.connect().cursor()
        row = cursor.execute(f"SELECT octet_length(t), encode(convert_to(t, 'UTF8'), 'hex'), t "
                             f"FROM (SELECT '{self.MOON}'::text AS t) s").fetchone()
        self.assertEqual(tuple(row), (8, self.MOON_HEX, self.MOON))

    def test_parameter_round_trips_and_is_stored_as_its_utf8(self):
        cursor = self.connect().cursor()
        cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")
        self.addCleanup(lambda: self.connect().cursor().execute(
            f"DROP TABLE IF EXISTS {self.TABLE}"))
        cursor.execute(f"CREATE TABLE {self.TABLE} (v text)")
        cursor.execute(f"INSERT INTO {self.TABLE} VALUES (?)", self.MOON)
        row = cursor.execute(
            f"SELECT v, encode(convert_to(v, 'UTF8'), 'hex') FROM {self.TABLE}").fetchone()
        self.assertEqual(tuple(row), (self.MOON, self.MOON_HEX))
        self.assertEqual(cursor.execute("SELECT ?", self.MOON).fetchval(), self.MOON)

    def test_column_names_and_values_read_back_with_either_character_type(self):
        for keywords in ("", "WideCharTypes=0;", "WideCharTypes=1;"):
            with self.subTest(keywords=keywords):
                cursor = self.connect(keywords).cursor()
                row = cursor.execute(
                    f"SELECT '{self.MOON}'::text AS \"m\u00f6nd\U0001F31D\", "
                    f"'{self.MOON}'::varchar(10), '\u00e9'::char(2)").fetchone()
                self.assertEqual(cursor.description[0][0], "m\u00f6nd\U0001F31D")
                self.assertEqual(tuple(row), (self.MOON, self.MOON, "\u00e9 "))

    def test_error_message_beyond_the_bmp_is_intact(self):
        with self.assertRaises(pyodbc.DataError) as raised:
            self.connect().cursor().execute(f"SELECT CAST('{self.MOON}' AS int)").fetchall()
        self.assertEqual(raised.exception.args[0], "22P02")
        self.assertIn(f'invalid input syntax for type integer: "{self.MOON}"',
                      raised.exception.args[1])


class LargeResults(unittest.TestCase):
    def setUp(self):
        self.connection = owner_connect()

    def tearDown(self):
        self.connection.close()

    def test_fetchmany_reads_10000_rows_in_batches(self):
        cursor = self.connection.cursor()
        cursor.execute("SELECT g, 'label ' || g FROM generate_series(1, ?) g ORDER BY g", 10000)
        seen = 0
        total = 0
        batches = 0
        while True:
            batch = cursor.fetchmany(1000)
            if not batch:
                break
            batches += 1
            for row in batch:
                seen += 1
                self.assertEqual(row[0], seen)
                total += row[0]
            self.assertEqual(batch[-1][1], f"label {seen}")
        self.assertEqual((seen, total, batches), (10000, 50005000, 10))

    def test_fetchall_reads_10000_rows(self):
        cursor = self.connection.cursor()
        rows = cursor.execute(
            "SELECT g, g * 0.5, md5(g::text) FROM generate_series(1, 10000) g ORDER BY g").fetchall()
        self.assertEqual(len(rows), 10000)
        self.assertEqual(sum(r[0] for r in rows), 50005000)
        self.assertEqual(rows[9999][1], decimal.Decimal("5000.0"))
        self.assertEqual(rows[0][2], "c4ca4238a0b923820dcc509a6f75849b")
        self.assertIsNone(cursor.fetchone())


class CatalogFunctions(unittest.TestCase):
    """cursor.tables/columns/primaryKeys/foreignKeys/statistics/getTypeInfo/
    procedures against objects made for the test (clients_py_cat_*)."""

    # ODBC constants pyodbc does not define (sqlext.h)
    SQL_CASCADE, SQL_TABLE_STAT, SQL_INDEX_OTHER, SQL_PT_FUNCTION = 0, 0, 3, 2

    PARENT = "clients_py_cat_parent"
    CHILD = "clients_py_cat_child"
    VIEW = "clients_py_cat_view"
    FUNCTION = "clients_py_cat_double"
    NON_ASCII = "clients_py_cat_größe_表"

    def setUp(self):
        self.connection = owner_connect(autocommit=True)
        cursor = self.connection.cursor()
        self.drop(cursor)
        cursor.execute(f"CREATE TABLE {self.PARENT} (id int PRIMARY KEY, name varchar(20) "
                       "NOT NULL DEFAULT 'Grüße')")
        cursor.execute(f"CREATE TABLE {self.CHILD} (id int PRIMARY KEY, parent_id int "
                       f"REFERENCES {self.PARENT} ON DELETE CASCADE, amount numeric(12,3))")
        cursor.execute(f"CREATE INDEX {self.CHILD}_parent ON {self.CHILD} (parent_id)")
        cursor.execute(f"CREATE VIEW {self.VIEW} AS SELECT id FROM {self.PARENT}")
        cursor.execute(f"CREATE FUNCTION {self.FUNCTION}(a int) RETURNS int LANGUAGE sql "
                       "AS 'SELECT a * 2'")

    def drop(self, cursor):
        cursor.execute(f"DROP VIEW IF EXISTS {self.VIEW}")
        cursor.execute(f"DROP TABLE IF EXISTS {self.CHILD}, {self.PARENT}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {self.FUNCTION}(int)")
        cursor.execute(f'DROP TABLE IF EXISTS "{self.NON_ASCII}"')

    def tearDown(self):
        try:
            self.drop(self.connection.cursor())
        finally:
            self.connection.close()

    def test_tables_lists_tables_and_views_by_type(self):
        cursor = self.connection.cursor()
        rows = cursor.tables(table=r"clients\_py\_cat\_%", schema="public").fetchall()
        self.assertEqual([(r.table_name, r.table_type) for r in rows],
                         [(self.CHILD, "TABLE"), (self.PARENT, "TABLE"), (self.VIEW, "VIEW")])
        self.assertEqual({r.table_cat for r in rows}, {ENV["PGO_DATABASE"]})
        views = cursor.tables(table="clients_py_cat%", tableType="VIEW").fetchall()
        self.assertEqual([r.table_name for r in views], [self.VIEW])

    def test_columns_report_types_sizes_defaults_and_positions(self):
        rows = self.connection.cursor().columns(table=self.PARENT).fetchall()
        self.assertEqual([(r.column_name, r.data_type, r.type_name, r.column_size, r.nullable,
                           r.ordinal_position, r.is_nullable) for r in rows],
                         [("id", pyodbc.SQL_INTEGER, "int4", 10, 0, 1, "NO"),
                          ("name", pyodbc.SQL_WVARCHAR, "varchar", 20, 0, 2, "NO")])
        self.assertEqual(rows[1].column_def, "'Grüße'::character varying")
        amount = self.connection.cursor().columns(table=self.CHILD, column="amount").fetchone()
        self.assertEqual((amount.data_type, amount.column_size, amount.decimal_digits),
                         (pyodbc.SQL_NUMERIC, 12, 3))

    def test_non_ascii_names_pass_through_the_wide_catalog_calls(self):
        # Basic Multilingual Plane only: pyodbc 4.0.34 passes a catalog
        # argument holding a character beyond it as its UTF-8 bytes widened
        # one per SQLWCHAR (the driver's W functions take surrogate pairs:
        # tests/integration/catalog/tables_test.cpp).
        cursor = self.connection.cursor()
        cursor.execute(f'CREATE TABLE "{self.NON_ASCII}" ("Straße 表" int PRIMARY KEY)')
        tables = cursor.tables(table=self.NON_ASCII).fetchall()
        self.assertEqual([r.table_name for r in tables], [self.NON_ASCII])
        columns = cursor.columns(table=self.NON_ASCII, column="Stra%").fetchall()
        self.assertEqual([r.column_name for r in columns], ["Straße 表"])
        keys = cursor.primaryKeys(self.NON_ASCII).fetchall()
        self.assertEqual([r.column_name for r in keys], ["Straße 表"])

    def test_primary_keys_name_the_key_column(self):
        rows = self.connection.cursor().primaryKeys(self.PARENT).fetchall()
        self.assertEqual([(r.column_name, r.key_seq, r.pk_name) for r in rows],
                         [("id", 1, f"{self.PARENT}_pkey")])

    def test_foreign_keys_in_both_directions(self):
        cursor = self.connection.cursor()
        referencing = cursor.foreignKeys(table=self.PARENT).fetchall()
        self.assertEqual([(r.fktable_name, r.fkcolumn_name, r.pkcolumn_name, r.key_seq,
                           r.delete_rule) for r in referencing],
                         [(self.CHILD, "parent_id", "id", 1, self.SQL_CASCADE)])
        referenced = cursor.foreignKeys(foreignTable=self.CHILD).fetchall()
        self.assertEqual([r.pktable_name for r in referenced], [self.PARENT])

    def test_statistics_list_the_table_row_then_indexes(self):
        rows = self.connection.cursor().statistics(self.CHILD).fetchall()
        self.assertEqual([(r.type, r.index_name, r.column_name, r.non_unique) for r in rows],
                         [(self.SQL_TABLE_STAT, None, None, None),
                          (self.SQL_INDEX_OTHER, f"{self.CHILD}_pkey", "id", 0),
                          (self.SQL_INDEX_OTHER, f"{self.CHILD}_parent", "parent_id", 1)])
        unique = self.connection.cursor().statistics(self.CHILD, unique=True).fetchall()
        self.assertEqual(len(unique), 2)

    def test_get_type_info_lists_the_mapped_types(self):
        cursor = self.connection.cursor()
        names = [r.type_name for r in cursor.getTypeInfo().fetchall()]
        for name in ("bool", "int4", "int8", "numeric", "varchar", "text", "bytea", "date",
                     "timestamp", "timestamptz", "uuid", "jsonb"):
            self.assertIn(name, names)
        timestamps = cursor.getTypeInfo(pyodbc.SQL_TYPE_TIMESTAMP).fetchall()
        self.assertEqual([r.type_name for r in timestamps], ["timestamp", "timestamptz"])

    def test_procedures_list_the_function(self):
        rows = self.connection.cursor().procedures(procedure=self.FUNCTION).fetchall()
        self.assertEqual([(r.procedure_schem, r.procedure_name, r.procedure_type) for r in rows],
                         [("public", self.FUNCTION, self.SQL_PT_FUNCTION)])

if __name__ == "__main__":
    unittest.main(verbosity=2)
