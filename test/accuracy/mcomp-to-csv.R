# Writes one period of an M-competition collection as a set in the shared format
# (<prefix>_train.csv, _test.csv, _meta.csv; see ../shared/data/README.md), to score the engine on
# series that are not in ../shared/data: `npx tsx test/accuracy/engine-report.ts --held-back <prefix>`.
#
#   Rscript test/accuracy/mcomp-to-csv.R <M3.rda|M1.rda> <YEARLY|QUARTERLY|MONTHLY|OTHER> <prefix>
#
# The .rda files are the data of the Mcomp R package (github.com/robjhyndman/Mcomp, data/); each
# series is a list with the history x, the competition's test tail xx and its horizon h.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: Rscript mcomp-to-csv.R <file.rda> <period> <prefix>")
collection <- get(load(args[1])[1])
chosen <- Filter(function(s) identical(toupper(s$period), toupper(args[2])), collection)
if (length(chosen) == 0) stop(sprintf("%s holds no %s series", args[1], args[2]))
long <- function(part, first) do.call(rbind, lapply(chosen, function(s) {
  v <- as.numeric(s[[part]])
  data.frame(series_id = s$sn, t = first(s) + seq_along(v), value = v)
}))
write.csv(long("x", function(s) 0), paste0(args[3], "_train.csv"), row.names = FALSE, quote = FALSE)
write.csv(long("xx", function(s) length(s$x)), paste0(args[3], "_test.csv"), row.names = FALSE, quote = FALSE)
meta <- do.call(rbind, lapply(chosen, function(s) data.frame(series_id = s$sn, frequency = frequency(s$x), horizon = s$h, type = s$type)))
write.csv(meta, paste0(args[3], "_meta.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("%d %s series written to %s_{train,test,meta}.csv\n", length(chosen), tolower(args[2]), args[3]))
