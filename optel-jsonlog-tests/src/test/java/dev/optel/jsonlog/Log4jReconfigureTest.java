package dev.optel.jsonlog;

/** Reconfiguring while threads log, on Log4j 2 with its DefaultConfiguration. */
class Log4jReconfigureTest extends ReconfigureWhileLoggingContract {}
