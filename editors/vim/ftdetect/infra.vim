" infra files (the infrac language): *.infra
autocmd BufRead,BufNewFile *.infra setfiletype infra
