from alslog.cli import main

main()
