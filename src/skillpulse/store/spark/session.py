"""The one SparkSession of a process: checked requirements, quiet logs, local defaults.

``session(master)`` starts (or returns) the process's SparkSession. Without a running
session it checks first that pyspark is importable and that a Java runtime is found
(``JAVA_HOME`` or ``java`` on the ``PATH``), raising :class:`MissingExtraError` or
:class:`EngineUnavailableError` (exit code 2 in the CLI) with what to install. The session
runs with naive timestamps (``TIMESTAMP`` means ``TIMESTAMP_NTZ``, as in the DuckDB store),
UTC as its time zone, no web UI, no console progress bar, warnings only in its logs, and,
in local mode, few shuffle partitions (the default 200 cost seconds on small data).

In local mode the Python workers run the driver's interpreter (``PYSPARK_PYTHON`` unless
set), so they import the same skillpulse and packages. ``SKILLPULSE_SPARK_MASTER`` overrides the master (default ``local[*]``; under
``spark-submit`` the master given there is kept). Further ``spark.*`` options come from
``spark-submit --conf`` or ``spark-defaults.conf`` as usual.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from skillpulse.errors import MissingExtraError, StoreError

log = logging.getLogger(__name__)

#: the environment variable naming the master (``local[2]``, ``spark://host:7077``, ``yarn``)
MASTER_ENV = "SKILLPULSE_SPARK_MASTER"
DEFAULT_MASTER = "local[*]"

#: the session's settings for every master
BASE_CONF: dict[str, str] = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.sources.partitionOverwriteMode": "dynamic",
    # Parquet written without the _SUCCESS marker files: the lake's folders hold data only
    "spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs": "false",
}
#: added in local mode: one machine needs few shuffle partitions
LOCAL_CONF: dict[str, str] = {
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    "spark.sql.adaptive.coalescePartitions.enabled": "true",
}

_LOG4J = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.spark.name = org.apache.spark
logger.spark.level = error
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = error
logger.parquet.name = org.apache.parquet
logger.parquet.level = error
"""


class EngineUnavailableError(StoreError):
    """The Spark engine cannot start: no Java runtime, or the JVM failed to launch."""


def java_home() -> str | None:
    """The Java runtime Spark will use: ``$JAVA_HOME`` if it holds ``bin/java``, else the
    folder of ``java`` on the ``PATH``; ``None`` when there is none."""
    home = os.environ.get("JAVA_HOME")
    if home:
        return home if (Path(home) / "bin" / "java").exists() else None
    found = shutil.which("java")
    return str(Path(found).resolve().parent.parent) if found else None


def check_requirements() -> None:
    """Raise an actionable error unless pyspark imports and a Java runtime is found."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("the Spark engine (--engine spark)", "spark") from exc
    if java_home() is None:
        where = (f"JAVA_HOME={os.environ['JAVA_HOME']} has no bin/java"
                 if os.environ.get("JAVA_HOME") else "no java on the PATH and JAVA_HOME unset")
        raise EngineUnavailableError(
            f"the Spark engine needs a Java 17 or 21 runtime ({where}): install one "
            "(Debian: apt-get install openjdk-17-jre-headless) and set JAVA_HOME to it")


def _log4j_file() -> str:
    path = Path(tempfile.gettempdir()) / "skillpulse-spark-log4j2.properties"
    if not path.is_file() or path.read_text(encoding="utf-8") != _LOG4J:
        path.write_text(_LOG4J, encoding="utf-8")
    return str(path)


def active() -> Any | None:
    """The process's running SparkSession, or ``None``."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def session(master: str | None = None, conf: dict[str, str] | None = None) -> Any:
    """The process's SparkSession (started on first use; see the module docs).

    ``master`` applies when the session starts: ``None`` means ``$SKILLPULSE_SPARK_MASTER``,
    else the master ``spark-submit`` gave, else ``local[*]``. ``conf`` adds settings.
    """
    running = active()
    if running is not None:
        return running
    check_requirements()
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    given = SparkConf()  # what spark-submit / spark-defaults.conf set
    chosen = master or os.environ.get(MASTER_ENV) or given.get("spark.master", DEFAULT_MASTER)
    settings = dict(BASE_CONF)
    if chosen.startswith("local"):
        settings.update(LOCAL_CONF)
    settings.update(conf or {})
    option = f"-Dlog4j2.configurationFile=file:{_log4j_file()}"
    builder = SparkSession.builder.master(chosen).appName("skillpulse")
    for key, value in settings.items():
        if given.get(key) is None or key in (conf or {}):
            builder = builder.config(key, value)
    if given.get("spark.driver.extraJavaOptions") is None:
        builder = builder.config("spark.driver.extraJavaOptions", option)
    if chosen.startswith("local"):  # the workers run this interpreter (and its packages)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        # pyspark's notice about the pandas version, repeated by every mapInArrow
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas",
                                category=FutureWarning)
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: Java missing or broken
        raise EngineUnavailableError(
            f"the Spark engine did not start ({' '.join(str(exc).split())[:300]}): check "
            "JAVA_HOME and the Java runtime (Java 17 or 21)") from exc
    spark.sparkContext.setLogLevel("ERROR")
    log.info("started Spark %s, master %s", spark.version, chosen)
    return spark


def stop() -> None:
    """Stop the process's SparkSession, if one runs."""
    running = active()
    if running is not None:
        running.stop()
