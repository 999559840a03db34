# R's survival 3.5 and stats::glm / wilcox.test on the lung cancer data that ships with survival
# (NCCTG, Loprinzi et al. 1994): the reference for myelin's cohort statistics.
# Argument: the output folder. Writes lung.csv (the complete cases used) and reference.csv (name,value).
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(survival))
d <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")])
d$event <- d$status - 1
out <- list()
put <- function(name, value) out[[name]] <<- value
write.csv(data.frame(time = d$time, event = d$event, age = d$age, sex = d$sex, ph_ecog = d$ph.ecog),
          file.path(args[1], "lung.csv"), row.names = FALSE)

fit <- coxph(Surv(time, event) ~ age + sex + ph.ecog, data = d, ties = "efron")
s <- summary(fit)
for (v in names(coef(fit))) {
  put(paste0("cox3.coef.", v), coef(fit)[[v]])
  put(paste0("cox3.se.", v), s$coefficients[v, "se(coef)"])
  put(paste0("cox3.p.", v), s$coefficients[v, "Pr(>|z|)"])
}
put("cox3.loglik0", fit$loglik[1]); put("cox3.loglik", fit$loglik[2])
put("cox3.lrt", s$logtest[["test"]]); put("cox3.lrt.p", s$logtest[["pvalue"]])
put("cox3.score", s$sctest[["test"]]); put("cox3.iter", fit$iter)
fit1 <- coxph(Surv(time, event) ~ age, data = d)
put("cox1.coef", coef(fit1)[[1]]); put("cox1.se", sqrt(fit1$var[1, 1]))

sd <- survdiff(Surv(time, event) ~ sex, data = d)
put("logrank.sex.chisq", sd$chisq); put("logrank.sex.p", 1 - pchisq(sd$chisq, 1))
put("logrank.sex.exp1", sd$exp[1])
se <- survdiff(Surv(time, event) ~ ph.ecog, data = d)
put("logrank.ecog.chisq", se$chisq)

km <- survfit(Surv(time, event) ~ 1, data = d)
for (i in seq_along(km$time)) {
  put(paste0("km.", i, ".time"), km$time[i]); put(paste0("km.", i, ".nrisk"), km$n.risk[i])
  put(paste0("km.", i, ".surv"), km$surv[i]); put(paste0("km.", i, ".stderr"), km$std.err[i])
  put(paste0("km.", i, ".lower"), km$lower[i]); put(paste0("km.", i, ".upper"), km$upper[i])
}
put("km.n", length(km$time)); put("km.median", summary(km)$table[["median"]])

g <- summary(glm(I(sex == 2) ~ age + ph.ecog, family = binomial, data = d))$coefficients
for (i in seq_len(nrow(g))) {
  put(paste0("glm.coef.", i), g[i, 1]); put(paste0("glm.se.", i), g[i, 2])
  put(paste0("glm.z.", i), g[i, 3]); put(paste0("glm.p.", i), g[i, 4])
}
w <- wilcox.test(age ~ sex, data = d)
put("wilcox.ties.W", w$statistic[[1]]); put("wilcox.ties.p", w$p.value)
w2 <- wilcox.test(c(1.1, 2.3, 3.2, 5.5, 7.1, 8.4), c(0.5, 2.0, 4.1, 6.3, 0.2))
put("wilcox.exact.W", w2$statistic[[1]]); put("wilcox.exact.p", w2$p.value)
write.csv(data.frame(name = names(out), value = format(unlist(out), digits = 17)),
          file.path(args[1], "reference.csv"), row.names = FALSE, quote = FALSE)
