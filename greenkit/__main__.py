from greenkit.launch import main

main()
